namespace Recut.Cli.Console;

/// <summary>
/// Reports on the caller's thread. Progress&lt;T&gt; posts to the thread pool, so its reports can arrive after the
/// work finished and in any order; a progress bar wants them inline.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
