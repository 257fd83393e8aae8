using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Recut.Protocol.Errors;
using Recut.Protocol.Responses;
using Recut.Tasks;

namespace Recut.Server.Endpoints;

/// <summary>GET a task in the DashScope shape (/api/v1/tasks/{id}, also under /wan) or the APIYI shape (/v1/tasks/{id}).</summary>
public static class QueryTaskEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tasks/{taskId}", DashScopeAsync).WithName("GetTaskDashScope").WithTags("DashScope dialect")
            .WithSummary("Query one task (DashScope shape; UNKNOWN for a missing, expired or foreign id)")
            .Produces<DashScopeTaskResponse>().Produces<ErrorBody>(401).Produces<ErrorBody>(429);
        app.MapGet("/wan/api/v1/tasks/{taskId}", DashScopeAsync).WithName("GetTaskDashScopeWan").WithTags("APIYI dialect")
            .WithSummary("Query one task (DashScope shape under the /wan prefix)")
            .Produces<DashScopeTaskResponse>().Produces<ErrorBody>(401).Produces<ErrorBody>(429);
        app.MapGet("/v1/tasks/{taskId}", ApiyiAsync).WithName("GetTaskApiyi").WithTags("APIYI dialect")
            .WithSummary("Query one task (APIYI normalised shape; 404 TaskNotFound for a missing, expired or foreign id)")
            .Produces<ApiyiTaskResponse>().Produces<ErrorBody>(404).Produces<ErrorBody>(401).Produces<ErrorBody>(429);
    }

    private static async Task<IResult> DashScopeAsync(string taskId, HttpContext context, AuthenticatedCaller caller,
        ITaskStore store, TaskRendering rendering)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        var tenant = who!.TenantId;
        var task = await FindAsync(store, taskId, tenant, context.RequestAborted);
        return ApiResponses.Json(task is null
            ? rendering.Unknown(taskId, RequestIds.Of(context))
            : rendering.DashScope(context, task, RequestIds.Of(context)));
    }

    private static async Task<IResult> ApiyiAsync(string taskId, HttpContext context, AuthenticatedCaller caller,
        ITaskStore store, TaskRendering rendering)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        var tenant = who!.TenantId;
        var task = await FindAsync(store, taskId, tenant, context.RequestAborted);
        return task is null
            ? ApiResponses.Error(context, ErrorCodes.TaskNotFound, ErrorMessages.TaskNotFound)
            : ApiResponses.Json(rendering.Apiyi(context, task));
    }

    internal static async Task<EditTask?> FindAsync(ITaskStore store, string taskId, string tenant, CancellationToken ct) =>
        Guid.TryParse(taskId, out var id) ? await store.GetAsync(id, tenant, ct) : null;
}
