using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recut.Tasks;

namespace Recut.Server.Endpoints;

/// <summary>GET /healthz: 200 once the task store answers, so the server can accept tasks (API.md §8).</summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                }, context.RequestAborted);
            },
        }).WithTags("Operations");
    }
}

/// <summary>The store answers a cheap query; tools (ffmpeg) are checked once at start by <see cref="ToolCheck"/>.</summary>
public sealed class TaskStoreHealthCheck(ITaskStore store, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = time.GetUtcNow();
            await store.ListAsync(new TaskQuery("healthz", now.AddMinutes(-1), now, PageSize: 1), cancellationToken);
            return HealthCheckResult.Healthy("task store reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("task store unreachable: " + e.Message);
        }
    }
}
