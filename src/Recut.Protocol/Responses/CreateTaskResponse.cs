namespace Recut.Protocol.Responses;

/// <summary>200 answer to a create request: <c>{"output": {"task_id", "task_status"}, "request_id"}</c>.</summary>
public sealed record CreateTaskResponse(CreateTaskOutput Output, string RequestId)
{
    /// <summary>A freshly stored task (or the same one again, for a repeated Idempotency-Key).</summary>
    public static CreateTaskResponse For(string taskId, string taskStatus, string requestId) =>
        new(new CreateTaskOutput(taskId, taskStatus), requestId);
}

public sealed record CreateTaskOutput(string TaskId, string TaskStatus);
