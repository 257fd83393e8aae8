using System.Security.Cryptography;

namespace Recut.Server.Auth;

/// <summary>
/// On a first start with no keys configured, a development key is generated, saved under the data folder
/// (so it stays the same across restarts) and printed once.
/// </summary>
public static class DevelopmentKey
{
    public const string FileName = "dev-api-key";

    /// <summary>Returns (key, createdNow).</summary>
    public static (string Key, bool Created) LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return (existing, false);
            }
        }
        Directory.CreateDirectory(dataDirectory);
        var key = "sk-dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(tmp, path, overwrite: true);
        return (key, true);
    }
}
