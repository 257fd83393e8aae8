using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Recut.Protocol.Errors;
using Recut.Protocol.Responses;
using Recut.Tasks;

namespace Recut.Server.Endpoints;

/// <summary>POST /api/v1/tasks/{id}/cancel: only a PENDING task of the caller (API.md §6).</summary>
public static class CancelTaskEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tasks/{taskId}/cancel", CancelAsync).WithName("CancelTask").WithTags("DashScope dialect")
            .WithSummary("Cancel a PENDING task")
            .Produces<CancelResponse>().Produces<ErrorBody>(400).Produces<ErrorBody>(401);
        app.MapPost("/wan/api/v1/tasks/{taskId}/cancel", CancelAsync).WithName("CancelTaskWan").WithTags("APIYI dialect")
            .WithSummary("Cancel a PENDING task (under the /wan prefix)")
            .Produces<CancelResponse>().Produces<ErrorBody>(400).Produces<ErrorBody>(401);
    }

    private static async Task<IResult> CancelAsync(string taskId, HttpContext context, AuthenticatedCaller caller, ITaskStore store,
        Webhooks.WebhookWakeup webhooks)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        var tenant = who!.TenantId;
        var canceled = Guid.TryParse(taskId, out var id) && await store.CancelAsync(id, tenant, context.RequestAborted);
        if (canceled)
        {
            webhooks.Notify(); // the cancel wrote task.canceled to the outbox (when someone listens)
        }
        return canceled
            ? ApiResponses.Json(new CancelResponse(RequestIds.Of(context)))
            : ApiResponses.Error(context, ErrorCodes.UnsupportedOperation, ErrorMessages.CancelNotPending);
    }
}
