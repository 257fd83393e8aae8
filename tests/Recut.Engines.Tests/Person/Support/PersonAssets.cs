using Recut.Engines.Local.Person.Segmentation;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>
/// Finds what the person tests and the benchmark need: the shared photos, the hand-checked truth masks in
/// Person/Fixtures, and the models. Missing pieces fail loudly with the fix; nothing is silently skipped.
/// </summary>
public static class PersonAssets
{
    public const string MediaEnvironmentVariable = "RECUT_SHARED_MEDIA";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "Recut.Engines.Tests", "Person", "Fixtures");

    public static PersonPhoto Astronaut => Photo("astronaut.png", "astronaut.mask.png");

    public static PersonPhoto GraceHopper => Photo("grace_hopper.jpg", "grace_hopper.mask.png");

    public static IReadOnlyList<PersonPhoto> All => [Astronaut, GraceHopper];

    /// <summary>The models root, after checking the person models are there.</summary>
    public static string ModelsRoot()
    {
        var root = ModelLocator.FindModelsRoot();
        var factory = new MediaPipeSegmenterFactory(root);
        if (factory.UnavailableReason is { } reason)
        {
            throw new InvalidOperationException($"{reason}; the person tests need the models.");
        }
        return root;
    }

    public static string SharedMedia()
    {
        var fromEnv = Environment.GetEnvironmentVariable(MediaEnvironmentVariable);
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            candidates.Add(fromEnv);
        }
        for (var dir = new DirectoryInfo(RepoRoot); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "shared", "media"));
        }
        candidates.Add("/work/shared/media");
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "astronaut.png")))
            ?? throw new InvalidOperationException(
                $"shared test photos (astronaut.png, grace_hopper.jpg) not found; looked in: {string.Join(", ", candidates)}. Set {MediaEnvironmentVariable}.");
    }

    private static PersonPhoto Photo(string photo, string mask)
    {
        var photoPath = Path.Combine(SharedMedia(), photo);
        var maskPath = Path.Combine(Fixtures, mask);
        if (!File.Exists(maskPath))
        {
            throw new InvalidOperationException($"truth mask missing: {maskPath}");
        }
        return new PersonPhoto(Path.GetFileNameWithoutExtension(photo), photoPath, maskPath);
    }

    /// <summary>The checkout holding Recut.sln, above the test binaries or else above the working directory.</summary>
    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Recut.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException(
            $"repository root (Recut.sln) not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }
}

/// <summary>A photo of a person and its truth mask (white = person), both at the photo's size.</summary>
public sealed record PersonPhoto(string Name, string PhotoPath, string MaskPath);
