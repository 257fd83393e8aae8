namespace Recut.Client;

/// <summary>A task as the client sees it, whatever the dialect it was read in.</summary>
public sealed record TaskInfo
{
    public required string TaskId { get; init; }
    /// <summary>PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED or UNKNOWN.</summary>
    public required string Status { get; init; }
    /// <summary>0–100 when the server reports it (Recut, APIYI), else null.</summary>
    public int? Progress { get; init; }
    public string? VideoUrl { get; init; }
    public string? ActualPrompt { get; init; }
    /// <summary>Recut only: the structured plan (<c>output.plan</c>: steps, notes, output), absent from DashScope.</summary>
    public System.Text.Json.JsonElement? Plan { get; init; }
    public string? OrigPrompt { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public string? SubmitTime { get; init; }
    public string? EndTime { get; init; }
    public double? OutputVideoDuration { get; init; }

    public bool IsFinal => Status is "SUCCEEDED" or "FAILED" or "CANCELED" or "UNKNOWN";
}
