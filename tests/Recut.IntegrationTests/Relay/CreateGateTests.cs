using Recut.Engines.DashScope;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Relay;

/// <summary>The cross-process create gate waits for a holder (RelayPartsTests), and only for a holder.</summary>
public sealed class CreateGateTests
{
    [Fact]
    public async Task An_io_error_that_is_not_contention_fails_at_once_instead_of_retrying_forever()
    {
        using var dir = new TempDir("recut-gate-");
        // A file name longer than the file system allows (255 bytes): ENAMETOOLONG, an IOException that waiting never cures.
        using var gate = new CreateGate(Path.Combine(dir.Path, new string('x', 300) + ".lock"));

        var error = await Assert.ThrowsAnyAsync<IOException>(() => gate.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.False(CreateGate.IsLockContention(error));
    }
}
