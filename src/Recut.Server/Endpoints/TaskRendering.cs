using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Recut.Protocol.Responses;
using Recut.Server.Configuration;
using Recut.Server.Signing;
using Recut.Tasks;

namespace Recut.Server.Endpoints;

/// <summary>Renders a stored task in each dialect's query shape (API.md §5).</summary>
public sealed class TaskRendering(ResultLinks links, IOptions<RecutOptions> options)
{
    private TimeZoneInfo Zone => options.Value.ResolvedTimeZone;

    public DashScopeTaskResponse Unknown(string taskId, string requestId) => DashScopeTaskResponse.Unknown(taskId, requestId);

    public DashScopeTaskResponse DashScope(HttpContext context, EditTask task, string requestId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DashScope(PublicBase.Of(context, options.Value), task, requestId);
    }

    /// <summary>The DashScope query shape with result links on <paramref name="baseUrl"/>.</summary>
    public DashScopeTaskResponse DashScope(string baseUrl, EditTask task, string requestId)
    {
        ArgumentNullException.ThrowIfNull(task);
        var succeeded = task.Status == EditTaskStatus.Succeeded;
        return new DashScopeTaskResponse
        {
            RequestId = requestId,
            Output = new DashScopeTaskOutput
            {
                TaskId = task.Id.ToString(),
                TaskStatus = task.Status.Wire(),
                SubmitTime = WireTime.Format(task.SubmitTime, Zone),
                ScheduledTime = task.ScheduledTime is { } s ? WireTime.Format(s, Zone) : null,
                EndTime = task.EndTime is { } e && task.Status.IsFinal() ? WireTime.Format(e, Zone) : null,
                OrigPrompt = task.Request.Prompt,
                ActualPrompt = task.ActualPrompt,
                Plan = PlanOf(task),
                Progress = task.Progress, // the stores write 100 with SUCCEEDED
                VideoUrl = succeeded && task.ResultKey is { } key ? links.For(baseUrl, key) : null,
                Code = task.Status == EditTaskStatus.Failed ? task.ErrorCode : null,
                Message = task.Status == EditTaskStatus.Failed ? task.ErrorMessage : null,
            },
            Usage = succeeded && task.Usage is { } u
                ? new DashScopeUsage(u.Duration, u.InputVideoDuration, u.OutputVideoDuration, u.VideoCount, u.SR)
                : null,
        };
    }

    // Stored by the worker from the engine's own serialisation; a row that does not parse is shown without a plan
    // rather than failing the whole query.
    private static JsonElement? PlanOf(EditTask task)
    {
        if (task.PlanJson is not { Length: > 0 } json)
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public ApiyiTaskResponse Apiyi(HttpContext context, EditTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = task.Id.ToString();
        return task.Status switch
        {
            EditTaskStatus.Failed => ApiyiTaskResponse.Failed(id, task.Progress, task.ErrorCode ?? "InternalError", task.ErrorMessage ?? ""),
            EditTaskStatus.Canceled => ApiyiTaskResponse.Failed(id, task.Progress, "Canceled", "The task was canceled."),
            _ => new ApiyiTaskResponse
            {
                TaskId = id,
                Status = ApiyiStatus.FromWire(task.Status.Wire()),
                Progress = task.Progress, // the stores write 100 with SUCCEEDED
                ResultUrl = task.Status == EditTaskStatus.Succeeded && task.ResultKey is { } key ? links.For(context, key) : null,
            },
        };
    }
}
