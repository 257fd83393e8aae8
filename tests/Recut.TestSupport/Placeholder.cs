namespace Recut.TestSupport; internal static class Placeholder { }
