namespace Recut.Server; internal static class Placeholder { }
