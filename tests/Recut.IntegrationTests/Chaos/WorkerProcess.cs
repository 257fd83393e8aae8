using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests.Chaos;

/// <summary>
/// `recut serve --role worker` as a child process (through <see cref="RecutLauncher"/>). Workers listen on no port,
/// so readiness is their own announcement on stdout. <see cref="KillAsync"/> is SIGKILL of the whole tree (ffmpeg too).
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const string ReadyLine = "Recut workers running";

    private readonly RecutLauncher _launcher = new();

    public int? Pid => _launcher.Pid;

    public string Log => _launcher.Log;

    public async Task StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        _launcher.Start(["serve", "--role", "worker", "--data", dataDirectory], environment);
        await new AnnouncementReadiness(ReadyLine).WaitAsync(_launcher, CancellationToken.None);
    }

    public Task KillAsync() => _launcher.KillAsync();

    public ValueTask DisposeAsync() => _launcher.DisposeAsync();
}
