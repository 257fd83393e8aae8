using Recut.Media.Signing;
using Recut.TestSupport;

namespace Recut.Media.Tests.Signing;

public sealed class SecretFileTests
{
    [Fact]
    public void Creates_a_32_byte_owner_only_secret_once_and_reloads_it()
    {
        using var dir = new TempDir();
        var data = Path.Combine(dir.Path, "data");

        var first = SecretFile.LoadOrCreate(data);
        var again = SecretFile.LoadOrCreate(data);

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(new byte[32], first);
        var path = Path.Combine(data, SecretFile.DefaultFileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Single(Directory.GetFiles(data)); // no temp file left
    }

    [Fact]
    public async Task Concurrent_first_starts_agree_on_one_secret()
    {
        using var dir = new TempDir();
        var secrets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SecretFile.LoadOrCreate(dir.Path))));
        Assert.All(secrets, s => Assert.Equal(secrets[0], s));
    }

    [Fact]
    public void A_truncated_secret_file_is_an_error_not_a_weak_key()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(Path.Combine(dir.Path, SecretFile.DefaultFileName), new byte[5]);
        Assert.Throws<InvalidDataException>(() => SecretFile.LoadOrCreate(dir.Path));
    }
}
