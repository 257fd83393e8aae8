using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Recut.Protocol.Errors;
using Recut.Protocol.Responses;
using Recut.Server.Configuration;
using Recut.Tasks;

namespace Recut.Server.Endpoints;

/// <summary>GET /api/v1/tasks: the caller's tasks in a window of at most 24 h, filtered and paged (API.md §6).</summary>
public static class ListTasksEndpoint
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(24);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tasks", ListAsync).WithName("ListTasks").WithTags("DashScope dialect")
            .WithSummary("List the caller's tasks (start_time/end_time YYYYMMDDhhmmss, window ≤ 24 h; status; model_name; page_no; page_size)")
            .Produces<TaskListResponse>().Produces<ErrorBody>(400).Produces<ErrorBody>(401);
    }

    private static async Task<IResult> ListAsync(HttpContext context, AuthenticatedCaller caller, ITaskStore store,
        TimeProvider time, IOptions<RecutOptions> options)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        var tenant = who!.TenantId;
        var parsed = Parse(context.Request.Query, tenant, time.GetUtcNow(), options.Value.ResolvedTimeZone);
        if (parsed.Error is { } error)
        {
            return ApiResponses.Error(context, error);
        }
        var query = parsed.Query!;
        var page = await store.ListAsync(query, context.RequestAborted);
        return ApiResponses.Json(new TaskListResponse
        {
            RequestId = RequestIds.Of(context),
            Total = page.Total,
            TotalPage = TaskListResponse.CountPages(page.Total, query.PageSize),
            PageNo = query.PageNo,
            PageSize = query.PageSize,
            Data = page.Items.Select(t => new TaskListItem
            {
                TaskId = t.Id.ToString(),
                Status = t.Status.Wire(),
                ModelName = t.Request.Model,
                GmtCreate = t.SubmitTime.ToUnixTimeMilliseconds(),
                StartTime = t.ScheduledTime?.ToUnixTimeMilliseconds(),
                EndTime = t.Status.IsFinal() ? t.EndTime?.ToUnixTimeMilliseconds() : null,
                RequestId = t.RequestId,
            }).ToList(),
        });
    }

    public static (TaskQuery? Query, ApiError? Error) Parse(IQueryCollection q, string tenant, DateTimeOffset now, TimeZoneInfo zone)
    {
        DateTimeOffset? from = null, to = null;
        if (q["start_time"].ToString() is { Length: > 0 } s)
        {
            if (!WireTime.TryParseCompact(s, out var f, zone))
            {
                return Bad("start_time must be YYYYMMDDhhmmss");
            }
            from = f;
        }
        if (q["end_time"].ToString() is { Length: > 0 } e)
        {
            if (!WireTime.TryParseCompact(e, out var t, zone))
            {
                return Bad("end_time must be YYYYMMDDhhmmss");
            }
            to = t;
        }
        var end = to ?? (from is { } f0 ? f0 + MaxWindow : now);
        var start = from ?? end - MaxWindow;
        if (end < start)
        {
            return Bad("end_time must not be before start_time");
        }
        if (end - start > MaxWindow)
        {
            return Bad("the time window between start_time and end_time must not exceed 24 hours");
        }
        Guid? taskId = null;
        if (q["task_id"].ToString() is { Length: > 0 } idText)
        {
            if (!Guid.TryParse(idText, out var id))
            {
                return (new TaskQuery(tenant, start, end, TaskId: Guid.Empty), null);
            }
            taskId = id;
        }
        EditTaskStatus? status = null;
        if (q["status"].ToString() is { Length: > 0 } st)
        {
            if (!EditTaskStatusNames.TryParseWire(st, out var parsed))
            {
                return Bad("status must be one of PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED");
            }
            status = parsed;
        }
        if (!TryInt(q["page_no"], 1, 1, int.MaxValue, out var pageNo))
        {
            return Bad("page_no must be an integer ≥ 1");
        }
        if (!TryInt(q["page_size"], 10, 1, 100, out var pageSize))
        {
            return Bad("page_size must be an integer from 1 to 100");
        }
        var model = q["model_name"].ToString();
        return (new TaskQuery(tenant, start, end, taskId, status, model.Length > 0 ? model : null, pageNo, pageSize), null);
    }

    private static (TaskQuery?, ApiError?) Bad(string message) => (null, new ApiError(ErrorCodes.InvalidParameter, message));

    private static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
