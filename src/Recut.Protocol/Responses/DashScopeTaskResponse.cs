using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recut.Protocol.Responses;

/// <summary>
/// DashScope query answer (<c>GET /api/v1/tasks/{id}</c>, API.md §5). Absent members are left out of the JSON,
/// as upstream does: an UNKNOWN task carries only task_id and task_status, a FAILED one code/message and no usage.
/// </summary>
public sealed record DashScopeTaskResponse
{
    public required string RequestId { get; init; }
    public required DashScopeTaskOutput Output { get; init; }
    public DashScopeUsage? Usage { get; init; }

    /// <summary>The answer for a missing, expired or foreign id: never reveal which.</summary>
    public static DashScopeTaskResponse Unknown(string taskId, string requestId) => new()
    {
        RequestId = requestId,
        Output = new DashScopeTaskOutput { TaskId = taskId, TaskStatus = WireTaskStatus.Unknown },
    };
}

public sealed record DashScopeTaskOutput
{
    public required string TaskId { get; init; }
    /// <summary>One of <see cref="WireTaskStatus"/>.</summary>
    public required string TaskStatus { get; init; }
    /// <summary><see cref="WireTime"/> format; always present for a real task, absent for UNKNOWN.</summary>
    public string? SubmitTime { get; init; }
    public string? ScheduledTime { get; init; }
    public string? EndTime { get; init; }
    public string? OrigPrompt { get; init; }
    public string? ActualPrompt { get; init; }
    /// <summary>
    /// Recut's addition: the structured plan the engine ran (steps, reading notes, output decisions), present once
    /// planned by the local engine; upstream DashScope never sends it, and clients that do not know it ignore it.
    /// </summary>
    public JsonElement? Plan { get; init; }
    /// <summary>
    /// Recut's addition: real per-frame progress, 0–99 while PENDING or RUNNING and 100 once SUCCEEDED, as the APIYI
    /// shape reports it, so a DashScope-dialect client can show a true bar; upstream sends none, and its SDKs accept
    /// unknown members.
    /// </summary>
    public int? Progress { get; init; }
    public string? VideoUrl { get; init; }
    /// <summary>FAILED only: the error code.</summary>
    public string? Code { get; init; }
    /// <summary>FAILED only: the error message.</summary>
    public string? Message { get; init; }
}

/// <summary>Billing figures of a SUCCEEDED task; <c>duration</c> = input + output seconds.</summary>
public sealed record DashScopeUsage(
    double Duration,
    double InputVideoDuration,
    double OutputVideoDuration,
    int VideoCount,
    // Upstream spells it in capitals; some of its models send it as a string, so reading accepts both.
    [property: JsonPropertyName("SR")]
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    int SR);
