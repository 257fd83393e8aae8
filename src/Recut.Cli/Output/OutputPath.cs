namespace Recut.Cli.Output;

/// <summary>
/// Where `-o` writes: a file path as given, or — for an existing folder or a path ending in a separator — a file
/// named for the job inside that folder. Resolved before any work starts, so a bad target fails at once instead of
/// after a render.
/// </summary>
public static class OutputPath
{
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public static string Resolve(string target, string fileNameInFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentException.ThrowIfNullOrEmpty(fileNameInFolder);
        var isFolder = Directory.Exists(target)
            || target.EndsWith(Path.DirectorySeparatorChar) || target.EndsWith(Path.AltDirectorySeparatorChar);
        var path = Path.GetFullPath(isFolder ? Path.Combine(target, fileNameInFolder) : target);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a folder; name a file or end the path with '/'.");
        }
        return path;
    }
}
