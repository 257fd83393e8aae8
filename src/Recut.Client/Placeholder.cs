namespace Recut.Client; internal static class Placeholder { }
