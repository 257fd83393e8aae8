namespace Recut.Engines.Local.Person.Segmentation;

/// <summary>
/// Finds the folder that holds Recut's vision models (fetched by <c>scripts/fetch-models.sh</c>; they are
/// not in git and never downloaded at run time).
/// </summary>
public static class ModelLocator
{
    public const string EnvironmentVariable = "RECUT_MODELS_DIR";
    public const string MediaPipeFolder = "mediapipe";

    /// <summary>
    /// <paramref name="configured"/> if given; else RECUT_MODELS_DIR; else <c>models/</c> beside the app;
    /// else the first <c>models/mediapipe</c> found walking up from the app (a repo checkout running tests);
    /// else <c>models/</c> beside the app, which then reports the model as missing.
    /// </summary>
    public static string FindModelsRoot(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }
        var besideApp = Path.Combine(AppContext.BaseDirectory, "models");
        if (Directory.Exists(Path.Combine(besideApp, MediaPipeFolder)))
        {
            return besideApp;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (Directory.Exists(Path.Combine(candidate, MediaPipeFolder)))
            {
                return candidate;
            }
        }
        return besideApp;
    }
}
