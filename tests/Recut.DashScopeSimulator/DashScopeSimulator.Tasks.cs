using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Recut.DashScopeSimulator;

/// <summary>Create, query, cancel and list — upstream's task API.</summary>
public sealed partial class DashScopeSimulator
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _rateWindows = new();

    private void MapTaskRoutes(WebApplication app)
    {
        app.MapPost("/api/v1/services/aigc/video-generation/video-synthesis", c => WithFaultsAsync(c, SimOperation.Create, () => CreateAsync(c)));
        app.MapGet("/api/v1/tasks/{id}", c => WithFaultsAsync(c, SimOperation.Query, () => QueryAsync(c, RouteId(c))));
        app.MapPost("/api/v1/tasks/{id}/cancel", c => WithFaultsAsync(c, SimOperation.Cancel, () => Task.FromResult(Cancel(c, RouteId(c)))));
        app.MapGet("/api/v1/tasks", c => WithFaultsAsync(c, SimOperation.List, () => Task.FromResult(List(c))));
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var (account, key, error) = Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        if (!string.Equals(context.Request.Headers["X-DashScope-Async"], "enable", StringComparison.Ordinal))
        {
            return SimJson.Error(403, "AccessDenied", "current user api does not support synchronous calls.");
        }
        using var reader = new StreamReader(context.Request.Body);
        var body = ParseObject(await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false));
        if (body is null)
        {
            return SimJson.Error(400, "InvalidParameter", "The request body is not valid JSON.");
        }
        if (body["model"]?.GetValue<string>() != Model)
        {
            return SimJson.Error(404, "ModelNotFound", "Model not exist.");
        }
        var media = body["input"]?["media"] as JsonArray;
        if (media is null || media.Count(m => m?["type"]?.GetValue<string>() == "video") != 1)
        {
            return SimJson.Error(400, "InvalidParameter", "input.media must hold exactly one video.");
        }
        var ossResolve = string.Equals(context.Request.Headers["X-DashScope-OssResourceResolve"], "enable", StringComparison.Ordinal);
        foreach (var url in media.Select(m => m?["url"]?.GetValue<string>() ?? ""))
        {
            if (url.StartsWith("oss://", StringComparison.Ordinal))
            {
                if (!ossResolve)
                {
                    return SimJson.Error(400, "InvalidParameter", "The provided URL does not appear to be valid. Ensure it is correctly formatted.");
                }
                if (!TryResolveUpload(url, account!, out _))
                {
                    return SimJson.Error(400, "InvalidParameter.DataInspection", "The media format is not supported or incorrect for the data inspection.");
                }
            }
            else if (!url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal))
            {
                return SimJson.Error(400, "InvalidURL", "The provided URL does not appear to be valid. Ensure it is correctly formatted.");
            }
        }
        if (!Admit("submit:" + account, Settings.SubmitsPerSecond))
        {
            return SimJson.Error(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
        }
        var id = Guid.NewGuid().ToString();
        var probe = new SimTask(id, account!, key!, SimJson.NewRequestId(), body, new SimOutcome(), Now, default, default);
        var outcome = OutcomeFor(probe);
        var task = new SimTask(id, account!, key!, probe.RequestId, body, outcome, Now,
            outcome.PendingFor ?? Settings.PendingFor, outcome.RunFor ?? Settings.RunFor);
        _tasks[id] = task;
        return SimJson.Ok(new JsonObject
        {
            ["output"] = new JsonObject { ["task_status"] = "PENDING", ["task_id"] = id },
            ["request_id"] = task.RequestId,
        });
    }

    private async Task<IResult> QueryAsync(HttpContext context, string id)
    {
        var (account, _, error) = Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        if (!Admit("query:" + account, Settings.QueriesPerSecond))
        {
            return SimJson.Error(429, "Throttling.RateQuota", "Requests rate limit exceeded, please try again later.");
        }
        var requestId = SimJson.NewRequestId();
        if (!_tasks.TryGetValue(id, out var task) || task.Account != account || task.Expired)
        {
            return SimJson.Ok(new JsonObject { ["request_id"] = requestId, ["output"] = new JsonObject { ["task_id"] = id, ["task_status"] = "UNKNOWN" } });
        }
        if (task.StatusAt(Now) == "SUCCEEDED")
        {
            await ProduceResultAsync(task, context.RequestAborted).ConfigureAwait(false);
        }
        var now = Now;
        var status = task.StatusAt(now);
        var output = new JsonObject { ["task_id"] = id, ["task_status"] = status, ["submit_time"] = SimJson.WireTime(task.Created) };
        if (status is "RUNNING" or "SUCCEEDED" or "FAILED")
        {
            output["scheduled_time"] = SimJson.WireTime(task.ScheduledAt);
        }
        if (status is "SUCCEEDED" or "FAILED" or "CANCELED")
        {
            output["end_time"] = SimJson.WireTime(task.EndedAt);
        }
        if (task.Prompt.Length > 0)
        {
            output["orig_prompt"] = task.Prompt;
        }
        var root = new JsonObject { ["request_id"] = requestId, ["output"] = output };
        if (status == "SUCCEEDED")
        {
            if (task.Body["parameters"]?["prompt_extend"]?.GetValue<bool>() != false && task.Prompt.Length > 0)
            {
                output["actual_prompt"] = "Edit plan (simulated): " + task.Prompt;
            }
            output["video_url"] = task.Outcome.VideoUrl
                ?? new Uri(BaseUrl, $"results/{task.ResultToken}.mp4?Expires=1&Signature=sim").ToString();
            var resolution = task.Body["parameters"]?["resolution"]?.GetValue<string>() ?? "1080P";
            root["usage"] = new JsonObject
            {
                ["duration"] = Math.Round(task.InputSeconds + task.OutputSeconds, 2),
                ["input_video_duration"] = task.InputSeconds,
                ["output_video_duration"] = task.OutputSeconds,
                ["video_count"] = 1,
                ["SR"] = resolution == "720P" ? 720 : 1080,
            };
        }
        else if (status == "FAILED")
        {
            var (code, message) = task.LateFailure ?? (task.Outcome.FailCode!, task.Outcome.FailMessage ?? "");
            output["code"] = code;
            output["message"] = message;
        }
        return SimJson.Ok(root);
    }

    private IResult Cancel(HttpContext context, string id)
    {
        var (account, _, error) = Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        if (_tasks.TryGetValue(id, out var task) && task.Account == account && task.StatusAt(Now) == "PENDING")
        {
            task.Canceled = true;
            task.CanceledAt = Now;
            return SimJson.Ok(new JsonObject { ["request_id"] = SimJson.NewRequestId() });
        }
        return SimJson.Error(400, "UnsupportedOperation", "Failed to cancel the task, please confirm if the task is in PENDING status.");
    }

    private IResult List(HttpContext context)
    {
        var (account, _, error) = Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        var q = context.Request.Query;
        var zone = Settings.ListTimeZone;
        DateTimeOffset? Parse(string name) =>
            DateTime.TryParseExact(q[name].ToString(), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                ? new DateTimeOffset(local, zone.GetUtcOffset(local)) : null;
        var end = Parse("end_time") ?? Now;
        var start = Parse("start_time") ?? end - TimeSpan.FromHours(24);
        if (end - start > TimeSpan.FromHours(24) || end < start)
        {
            return SimJson.Error(400, "InvalidParameter", "The time range must not exceed 24 hours.");
        }
        var pageNo = int.TryParse(q["page_no"], out var p) && p > 0 ? p : 1;
        var pageSize = int.TryParse(q["page_size"], out var s) && s > 0 ? Math.Min(s, 100) : 10;
        var now = Now;
        var matching = _tasks.Values.Where(t => t.Account == account && !t.Expired && t.Created >= start && t.Created <= end
                && (q["model_name"].Count == 0 || q["model_name"] == Model)
                && (q["status"].Count == 0 || q["status"] == t.StatusAt(now))
                && (q["task_id"].Count == 0 || q["task_id"] == t.Id))
            .OrderByDescending(t => t.Created).ToList();
        var data = new JsonArray();
        foreach (var t in matching.Skip((pageNo - 1) * pageSize).Take(pageSize))
        {
            var status = t.StatusAt(now);
            var item = new JsonObject
            {
                ["api_key_id"] = Math.Abs(t.KeyUsed.GetHashCode(StringComparison.Ordinal) % 100000).ToString(CultureInfo.InvariantCulture),
                ["caller_parent_id"] = t.Account,
                ["caller_uid"] = t.Account,
                ["gmt_create"] = t.Created.ToUnixTimeMilliseconds(),
                ["model_name"] = Model,
                ["region"] = "cn-beijing",
                ["request_id"] = t.RequestId,
                ["status"] = status,
                ["task_id"] = t.Id,
                ["user_api_unique_key"] = "apikey:v1:aigc:video-generation:video-synthesis:" + Model,
            };
            if (status != "PENDING")
            {
                item["start_time"] = (status == "CANCELED" ? t.EndedAt : t.ScheduledAt).ToUnixTimeMilliseconds();
            }
            if (status is "SUCCEEDED" or "FAILED" or "CANCELED")
            {
                item["end_time"] = t.EndedAt.ToUnixTimeMilliseconds();
            }
            data.Add(item);
        }
        return SimJson.Ok(new JsonObject
        {
            ["total"] = matching.Count,
            ["data"] = data,
            ["total_page"] = (matching.Count + pageSize - 1) / pageSize,
            ["page_no"] = pageNo,
            ["request_id"] = SimJson.NewRequestId(),
            ["page_size"] = pageSize,
        });
    }

    /// <summary>A sliding one-second window per bucket: false when the call would exceed the limit.</summary>
    private bool Admit(string bucket, int perSecond)
    {
        var window = _rateWindows.GetOrAdd(bucket, _ => new Queue<DateTimeOffset>());
        lock (window)
        {
            var now = Now;
            while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromSeconds(1))
            {
                window.Dequeue();
            }
            if (window.Count >= perSecond)
            {
                return false;
            }
            window.Enqueue(now);
            return true;
        }
    }
}
