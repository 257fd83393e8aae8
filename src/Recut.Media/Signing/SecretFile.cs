using System.Security.Cryptography;

namespace Recut.Media.Signing;

/// <summary>
/// A random secret kept in a file under the data folder, so signed URLs survive restarts and every
/// process sharing the folder signs alike. Created once with mode 600; two processes starting together
/// agree on one file (create-new + link, the loser reads the winner's).
/// </summary>
public static class SecretFile
{
    public const string DefaultFileName = "result-url.key";
    public const int Length = 32;

    public static byte[] LoadOrCreate(string dataFolder, string fileName = DefaultFileName)
    {
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, fileName);
        if (File.Exists(path))
        {
            return Read(path);
        }
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var secret = RandomNumberGenerator.GetBytes(Length);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(temp, options))
            {
                file.Write(secret);
                file.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, path, overwrite: false);
                return secret;
            }
            catch (IOException) when (File.Exists(path))
            {
                return Read(path);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static byte[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Length)
        {
            throw new InvalidDataException($"the secret file {path} holds {bytes.Length} bytes; expected {Length}. Delete it to create a new one (existing result URLs stop working).");
        }
        return bytes;
    }
}
