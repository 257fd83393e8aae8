using System.Text.Json;

namespace Recut.Client;

/// <summary>Reads the dialects' task and list shapes into <see cref="TaskInfo"/>.</summary>
internal static class TaskShapes
{
    public static TaskInfo FromDashScope(JsonElement root)
    {
        var o = root.GetProperty("output");
        double? outDuration = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object
            && u.TryGetProperty("output_video_duration", out var od) && od.ValueKind == JsonValueKind.Number ? od.GetDouble() : null;
        return new TaskInfo
        {
            TaskId = Str(o, "task_id") ?? "",
            Status = Str(o, "task_status") ?? "UNKNOWN",
            VideoUrl = Str(o, "video_url"),
            ActualPrompt = Str(o, "actual_prompt"),
            Plan = o.TryGetProperty("plan", out var plan) && plan.ValueKind == JsonValueKind.Object ? plan.Clone() : null,
            // Recut's own servers send it in this shape too; DashScope does not (null: no progress known).
            Progress = o.TryGetProperty("progress", out var pr) && pr.ValueKind == JsonValueKind.Number && pr.TryGetInt32(out var percent) ? percent : null,
            OrigPrompt = Str(o, "orig_prompt"),
            ErrorCode = Str(o, "code"),
            ErrorMessage = Str(o, "message"),
            SubmitTime = Str(o, "submit_time"),
            EndTime = Str(o, "end_time"),
            OutputVideoDuration = outDuration,
        };
    }

    public static TaskInfo FromApiyi(JsonElement root)
    {
        var status = Str(root, "status") switch
        {
            "submitted" => "PENDING",
            "in_progress" => "RUNNING",
            "completed" => "SUCCEEDED",
            "failed" => "FAILED",
            var other => other?.ToUpperInvariant() ?? "UNKNOWN",
        };
        string? code = null, message = null;
        if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            code = Str(e, "code");
            message = Str(e, "message");
        }
        if (code == "Canceled")
        {
            status = "CANCELED";
        }
        return new TaskInfo
        {
            TaskId = Str(root, "task_id") ?? "",
            Status = status,
            Progress = root.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null,
            VideoUrl = Str(root, "result_url"),
            ErrorCode = code,
            ErrorMessage = message,
        };
    }

    public static TaskListPage ListFrom(JsonElement root)
    {
        var items = new List<TaskListEntry>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var d in data.EnumerateArray())
            {
                items.Add(new TaskListEntry(Str(d, "task_id") ?? "", Str(d, "status") ?? "", Str(d, "model_name") ?? "",
                    Long(d, "gmt_create") ?? 0, Long(d, "start_time"), Long(d, "end_time")));
            }
        }
        return new TaskListPage(items, (int)(Long(root, "total") ?? items.Count), (int)(Long(root, "page_no") ?? 1),
            (int)(Long(root, "page_size") ?? items.Count), (int)(Long(root, "total_page") ?? 1));
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}
