using System.Text.Json;

namespace Recut.Engines.DashScope;

/// <summary>One answer of GET /api/v1/tasks/{id}, reduced to what the relay uses.</summary>
public sealed record UpstreamTask
{
    public required string TaskId { get; init; }
    /// <summary>PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED or UNKNOWN.</summary>
    public required string Status { get; init; }
    public string? RequestId { get; init; }
    public string? VideoUrl { get; init; }
    public string? OrigPrompt { get; init; }
    public string? ActualPrompt { get; init; }
    public string? Code { get; init; }
    public string? Message { get; init; }
    public double? InputVideoDuration { get; init; }
    public double? OutputVideoDuration { get; init; }
    /// <summary>usage.duration: what upstream bills (input + output seconds).</summary>
    public double? BilledDuration { get; init; }

    public bool IsFinal => Status is "SUCCEEDED" or "FAILED" or "CANCELED";

    public static UpstreamTask Parse(JsonElement root)
    {
        var output = root.GetProperty("output");
        var usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        return new UpstreamTask
        {
            TaskId = Json.Str(output, "task_id") ?? "",
            Status = Json.Str(output, "task_status") ?? "UNKNOWN",
            RequestId = Json.Str(root, "request_id"),
            VideoUrl = Json.Str(output, "video_url"),
            OrigPrompt = Json.Str(output, "orig_prompt"),
            ActualPrompt = Json.Str(output, "actual_prompt"),
            Code = Json.Str(output, "code"),
            Message = Json.Str(output, "message"),
            InputVideoDuration = Json.Num(usage, "input_video_duration"),
            OutputVideoDuration = Json.Num(usage, "output_video_duration"),
            BilledDuration = Json.Num(usage, "duration"),
        };
    }
}

/// <summary>One row of GET /api/v1/tasks (times in epoch milliseconds).</summary>
public sealed record UpstreamListItem(string TaskId, string Status, string ModelName, long GmtCreateMs, string? RequestId);

/// <summary>The answer of GET /api/v1/uploads?action=getPolicy.</summary>
public sealed record UploadPolicy(string UploadHost, string UploadDir, string OssAccessKeyId, string Signature, string Policy,
    string ObjectAcl, string ForbidOverwrite, double? MaxFileSizeMb);

internal static class Json
{
    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    public static double? Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.Number => v.GetDouble(),
                JsonValueKind.String when double.TryParse(v.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
                _ => null,
            }
            : null;

    public static long? Long(JsonElement e, string name) => Num(e, name) is { } d ? (long)d : null;
}
