namespace Recut.IntegrationTests.Infrastructure;

/// <summary>Finds the built CLI next to the sources, in the same configuration as the tests.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string CliDll
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var dll = Path.Combine(Root, "src", "Recut.Cli", "bin", configuration, "net10.0", "recut.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first: {dll} is missing");
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Recut.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Recut.sln not found above " + AppContext.BaseDirectory);
    }
}
