using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Recut.Media.Storage.S3;

namespace Recut.Server.Endpoints;

/// <summary>
/// Readiness of the bucket results and uploads live in, when one is configured (start-up checked it once; this notices
/// a bucket deleted or credentials revoked later). Without one there is nothing to check.
/// </summary>
public sealed class ObjectStorageHealthCheck(IServiceProvider services, ILogger<ObjectStorageHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<S3Bucket>() is not { } bucket)
        {
            return HealthCheckResult.Healthy("results and uploads in the data folder");
        }
        try
        {
            await bucket.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy("bucket reachable");
        }
        catch (ObjectStorageUnavailableException e)
        {
            // Readiness is anonymous: the reason without bucket or endpoint names; the whole message goes to the log.
            logger.LogError(e, "Object storage check failed: {Message}", e.Message);
            return HealthCheckResult.Unhealthy(e.Reason + " (see the server log)");
        }
    }
}
