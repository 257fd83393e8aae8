namespace Recut.Media.Tools;

/// <summary>Where a command name resolves on PATH, the way the process start will find it.</summary>
public static class ExecutablePath
{
    /// <summary>The full path, or null when nothing on PATH (or at the given path) is there.</summary>
    public static string? Resolve(string executable)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        if (executable.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(executable) ? Path.GetFullPath(executable) : null;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
