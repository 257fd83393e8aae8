using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recut.Tasks.Webhooks;

namespace Recut.Server.Webhooks;

/// <summary>
/// Readiness shows disabled webhook endpoints as Degraded (still HTTP 200: a dead receiver must not take the service
/// out of rotation). Only the count: readiness is anonymous, and endpoints are the tenants' business.
/// </summary>
public sealed class WebhookEndpointsHealthCheck(IWebhookStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var disabled = await store.ListTargetsAsync(disabledOnly: true, cancellationToken);
            return disabled.Count == 0
                ? HealthCheckResult.Healthy("no webhook endpoint disabled")
                : HealthCheckResult.Degraded($"{disabled.Count} webhook endpoint{(disabled.Count == 1 ? "" : "s")} disabled after a day of "
                    + "failed deliveries (`recut webhooks targets` lists them; `recut webhooks enable` or setting the endpoint again re-enables)");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("webhook outbox unreadable (see the server log)", e);
        }
    }
}
