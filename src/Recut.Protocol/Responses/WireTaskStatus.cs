namespace Recut.Protocol.Responses;

/// <summary>The DashScope <c>task_status</c> strings (API.md §5).</summary>
public static class WireTaskStatus
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Canceled = "CANCELED";
    /// <summary>Answered for an id that does not exist, has expired or belongs to another tenant.</summary>
    public const string Unknown = "UNKNOWN";

    /// <summary>The statuses a stored task can have (UNKNOWN is never stored), e.g. for the list filter.</summary>
    public static readonly IReadOnlyList<string> Stored = [Pending, Running, Succeeded, Failed, Canceled];
}
