namespace Recut.Protocol.Responses;

/// <summary>
/// APIYI's normalised query answer (<c>GET /v1/tasks/{id}</c>, API.md §5):
/// <c>{"task_id", "status", "progress", "result_url"?, "error"? {code, message}, "fail_reason"?}</c>.
/// </summary>
public sealed record ApiyiTaskResponse
{
    public required string TaskId { get; init; }
    /// <summary>One of <see cref="ApiyiStatus"/>'s strings.</summary>
    public required string Status { get; init; }
    /// <summary>0–100.</summary>
    public int Progress { get; init; }
    public string? ResultUrl { get; init; }
    public ApiyiTaskError? Error { get; init; }
    /// <summary>"[Code] message", present with <see cref="Error"/>.</summary>
    public string? FailReason { get; init; }

    /// <summary>A failed (or canceled) task: error object and fail_reason always go together.</summary>
    public static ApiyiTaskResponse Failed(string taskId, int progress, string code, string message) => new()
    {
        TaskId = taskId,
        Status = ApiyiStatus.Failed,
        Progress = progress,
        Error = new ApiyiTaskError(code, message),
        FailReason = ApiyiStatus.FailReason(code, message),
    };
}

public sealed record ApiyiTaskError(string Code, string Message);
