using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Recut.Protocol.Errors;
using Recut.Protocol.Json;
using Recut.Server.Configuration;
using Recut.Server.Limits;
using Recut.Tasks;

namespace Recut.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/tasks/{id}/events</c>: one task's status changes and real per-frame progress as Server-Sent Events,
/// authenticated like the query, so clients need not poll. Each event's data is the task exactly as the DashScope
/// query returns it; its id is the state it shows (<c>RUNNING:42</c>), so a client that reconnects with
/// <c>Last-Event-ID</c> is sent only what it has not seen. The stream ends after the final status.
/// </summary>
public static class TaskEventsEndpoint
{
    /// <summary>How often the store is read for a change (every process sees the shared store, so no bus is needed).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tasks/{taskId}/events", StreamAsync).WithName("TaskEvents").WithTags("Recut")
            .WithSummary("Live status and progress of one task as Server-Sent Events (Recut's addition)")
            .WithDescription("Events: `status` (the status changed), `progress` (per-frame progress changed), `heartbeat` "
                + "(nothing changed for 15 s; data `{}`). Data is the DashScope query's JSON. The id names the state shown; "
                + "reconnect with `Last-Event-ID` to resume. The stream ends after the final status (or at once with "
                + "UNKNOWN for a missing, expired or foreign id).")
            .Produces(200, contentType: "text/event-stream").Produces<ErrorBody>(401).Produces<ErrorBody>(429);
    }

    private static async Task<IResult> StreamAsync(string taskId, HttpContext context, AuthenticatedCaller caller,
        ITaskStore store, TaskRendering rendering, EventStreamSlots slots, IOptions<RecutOptions> options)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        var tenant = who!.TenantId;
        if (slots.TryTake(tenant) is not { } slot)
        {
            return ApiResponses.Error(context, ErrorCodes.Throttling, ErrorMessages.EventStreamsExhausted(options.Value.MaxEventStreamsPerKey));
        }
        context.Response.RegisterForDispose(slot);
        // Proxies such as nginx buffer responses unless told not to; a buffered stream arrives all at once at the end.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Response.Headers.CacheControl = "no-cache";
        var lastSeen = context.Request.Headers["Last-Event-ID"].ToString();
        var heartbeat = TimeSpan.FromSeconds(Math.Max(1, options.Value.EventHeartbeatSeconds));
        return TypedResults.ServerSentEvents(EventsAsync(taskId, tenant, lastSeen, heartbeat, context, store, rendering, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(string taskId, string tenant, string lastSeen, TimeSpan heartbeat,
        HttpContext context, ITaskStore store, TaskRendering rendering, [EnumeratorCancellation] CancellationToken ct)
    {
        var requestId = RequestIds.Of(context);
        var seen = string.IsNullOrEmpty(lastSeen) ? null : lastSeen;
        var quietSince = DateTime.UtcNow;
        while (true)
        {
            var (open, task) = await ReadAsync(store, taskId, tenant, ct);
            if (!open)
            {
                yield break;
            }
            if (task is null)
            {
                yield return new SseItem<string>(ProtocolJson.Serialize(rendering.Unknown(taskId, requestId)), "status") { EventId = "UNKNOWN" };
                yield break;
            }
            var state = $"{task.Status.Wire()}:{task.Progress}";
            if (state != seen)
            {
                var type = seen is null || !seen.StartsWith(task.Status.Wire() + ":", StringComparison.Ordinal) ? "status" : "progress";
                yield return new SseItem<string>(ProtocolJson.Serialize(rendering.DashScope(context, task, requestId)), type) { EventId = state };
                seen = state;
                quietSince = DateTime.UtcNow;
            }
            if (task.Status.IsFinal())
            {
                yield break;
            }
            if (DateTime.UtcNow - quietSince >= heartbeat)
            {
                yield return new SseItem<string>("{}", "heartbeat") { EventId = seen };
                quietSince = DateTime.UtcNow;
            }
            if (!await DelayAsync(ct))
            {
                yield break;
            }
        }
    }

    // A client that goes away cancels the request; the stream then simply ends (no error logged for a normal hang-up).
    private static async Task<(bool Open, EditTask? Task)> ReadAsync(ITaskStore store, string taskId, string tenant, CancellationToken ct)
    {
        try
        {
            return (true, await QueryTaskEndpoints.FindAsync(store, taskId, tenant, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (false, null);
        }
    }

    private static async Task<bool> DelayAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(PollInterval, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
