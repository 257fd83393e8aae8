using Recut.Engines.Local.Person.Segmentation;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>
/// Finds what the person tests and the benchmark need: the photos in tests/media, the hand-checked truth masks in
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

    /// <summary>The photos: tests/media in this checkout, or the folder named by RECUT_SHARED_MEDIA.</summary>
    public static string SharedMedia()
    {
        var fromEnv = Environment.GetEnvironmentVariable(MediaEnvironmentVariable);
        var folder = string.IsNullOrWhiteSpace(fromEnv) ? Path.Combine(RepoRoot, "tests", "media") : fromEnv;
        return File.Exists(Path.Combine(folder, "astronaut.png"))
            ? folder
            : throw new InvalidOperationException($"test photos (astronaut.png, grace_hopper.jpg) not found in {folder}"
                + (string.IsNullOrWhiteSpace(fromEnv) ? " (they are part of the repository)" : $" (named by {MediaEnvironmentVariable})"));
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
