namespace Recut.Protocol.Responses;

/// <summary>APIYI's status words and their mapping from DashScope's <c>task_status</c> (API.md §5).</summary>
public static class ApiyiStatus
{
    public const string Submitted = "submitted";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>
    /// PENDING → submitted, RUNNING → in_progress, SUCCEEDED → completed, FAILED and CANCELED → failed.
    /// UNKNOWN has no APIYI status: that route answers 404 TaskNotFound instead, so it throws here.
    /// </summary>
    public static string FromWire(string taskStatus) => taskStatus switch
    {
        WireTaskStatus.Pending => Submitted,
        WireTaskStatus.Running => InProgress,
        WireTaskStatus.Succeeded => Completed,
        WireTaskStatus.Failed or WireTaskStatus.Canceled => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(taskStatus), taskStatus, "no APIYI status for this task status"),
    };

    /// <summary>The <c>fail_reason</c> text: "[Code] message".</summary>
    public static string FailReason(string code, string message) => $"[{code}] {message}";
}
