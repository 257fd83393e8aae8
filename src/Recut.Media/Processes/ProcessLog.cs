namespace Recut.Media.Processes;

/// <summary>
/// The current task's log, carried with the async flow: every supervised ffmpeg/ffprobe run writes its exact
/// command line and then its stderr there, so a task's log explains a failure without the engine passing loggers
/// through every layer.
/// </summary>
public static class ProcessLog
{
    private static readonly AsyncLocal<Action<string>?> Sink = new();

    /// <summary>Routes process output of the calling flow (and flows it starts) to <paramref name="sink"/> until disposed.</summary>
    public static IDisposable Begin(Action<string> sink)
    {
        var previous = Sink.Value;
        Sink.Value = sink;
        return new Restore(previous);
    }

    internal static void Write(string line) => Sink.Value?.Invoke(line);

    private sealed class Restore(Action<string>? previous) : IDisposable
    {
        public void Dispose() => Sink.Value = previous;
    }
}
