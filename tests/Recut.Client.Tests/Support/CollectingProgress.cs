namespace Recut.Client.Tests.Support;

/// <summary>Hands each report to an action on the reporting thread (Progress&lt;T&gt; would post it later, out of order).</summary>
internal sealed class CollectingProgress(Action<TaskInfo> onReport) : IProgress<TaskInfo>
{
    public void Report(TaskInfo value) => onReport(value);
}
