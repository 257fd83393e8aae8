using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recut.Server.Hosting;
using Recut.Tasks;

namespace Recut.Server.Endpoints;

/// <summary>
/// Probes the way supervisors use them (API.md §1, §8): GET /livez says the process answers (no I/O, never waits on
/// the store); GET /readyz says it can accept tasks (store reachable, ffmpeg as found at start-up, upstream keys);
/// GET /healthz is the readiness alias older scripts use. No probe starts a process.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks readiness runs; liveness runs none.</summary>
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddRecutHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<ToolCheck>();
        return services.AddHealthChecks()
            .AddCheck<TaskStoreHealthCheck>("task-store", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<ToolCheck>("ffmpeg", tags: [ReadyTag])
            .AddCheck<ObjectStorageHealthCheck>("object-storage", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<DashScopeKeysHealthCheck>("dashscope-keys", tags: [ReadyTag])
            .AddCheck<Webhooks.WebhookEndpointsHealthCheck>("webhook-endpoints", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10));
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        // Minimal-API endpoints rather than MapHealthChecks, so the OpenAPI document describes them.
        app.MapGet("/livez", (HttpContext context) => Results.Json(new HealthAnswer("Healthy", new Dictionary<string, HealthEntry>()), statusCode: 200))
            .WithName("Liveness").WithTags("Operations")
            .WithSummary("Liveness: the process answers")
            .WithDescription("200 while the process runs. Touches nothing (no store, no ffmpeg), so a slow database never gets a live server restarted.")
            .Produces<HealthAnswer>(StatusCodes.Status200OK);
        foreach (var (path, name) in new[] { ("/readyz", "Readiness"), ("/healthz", "ReadinessAlias") })
        {
            app.MapGet(path, ReadyAsync)
                .WithName(name).WithTags("Operations")
                .WithSummary(path == "/readyz" ? "Readiness: the server can accept tasks" : "Readiness (alias of /readyz)")
                .WithDescription("200 when the task store answers, ffmpeg/ffprobe (inspected once at start-up) are still installed, "
                    + "the S3 bucket (when one is configured) answers, and, "
                    + "with the dashscope engine, an upstream key is in rotation (Degraded still answers 200); 503 otherwise. "
                    + "Each check is listed with its status and description. Starts no process.")
                .Produces<HealthAnswer>(StatusCodes.Status200OK)
                .Produces<HealthAnswer>(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> ReadyAsync(HttpContext context, HealthCheckService health)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(ReadyTag), context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        var answer = new HealthAnswer(report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntry(e.Value.Status.ToString(), e.Value.Description)));
        return Results.Json(answer, statusCode: report.Status == HealthStatus.Unhealthy ? 503 : 200);
    }
}

/// <summary>The body of every probe: the overall status and, for readiness, each check.</summary>
public sealed record HealthAnswer(string Status, IReadOnlyDictionary<string, HealthEntry> Checks);

public sealed record HealthEntry(string Status, string? Description);

/// <summary>The store answers a cheap query; tools (ffmpeg) are checked once at start by <see cref="StartupChecks"/>.</summary>
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
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Readiness is anonymous: the exception (which can name hosts, paths, credentials) is for the log only.
            return HealthCheckResult.Unhealthy("task store unreachable (see the server log)", e);
        }
    }
}
