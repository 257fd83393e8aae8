using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Recut.Engines.DashScope;
using Recut.Server.Configuration;

namespace Recut.Server.Hosting;

/// <summary>
/// Health of the upstream key pool: Degraded (still HTTP 200: tasks are accepted) while any key is out of the
/// rotation, naming it and the rejection that took it out; Unhealthy only when the relay is the engine and no key is left.
/// </summary>
public sealed class DashScopeKeysHealthCheck(DashScopeKeyPool pool, IOptions<RecutOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var inUse = string.Equals(options.Value.Engine, DashScopeEditEngine.EngineName, StringComparison.OrdinalIgnoreCase);
        var keys = pool.Snapshot();
        if (keys.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no upstream keys configured (dashscope engine not in use)"));
        }
        var out_ = keys.Where(k => !k.InRotation).ToList();
        if (out_.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{keys.Count} upstream key(s) in rotation"));
        }
        var text = $"{keys.Count - out_.Count} of {keys.Count} upstream key(s) in rotation; out: "
            + string.Join("; ", out_.Select(k => $"{k.Label} {k.LastRejection} until {k.BackAt:u}"));
        return Task.FromResult(inUse && out_.Count == keys.Count ? HealthCheckResult.Unhealthy(text) : HealthCheckResult.Degraded(text));
    }
}
