using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recut.Media.Tools;

namespace Recut.Server.Endpoints;

/// <summary>
/// Readiness of ffmpeg and ffprobe without starting either: the start-up inspection (<see cref="ToolInspection"/>)
/// already proved them usable, so a request only confirms the two files are still there (a stat each). Starting
/// processes per request made /healthz slow under load and a way for anonymous callers to slow the server.
/// </summary>
public sealed class ToolCheck(ToolReport report) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A path the inspection could not resolve (not on PATH as a file, yet startable) cannot be re-checked this way.
        var gone = new[] { report.FfmpegPath, report.FfprobePath }.Where(p => Path.IsPathRooted(p) && !File.Exists(p)).ToList();
        return Task.FromResult(gone.Count == 0
            ? HealthCheckResult.Healthy(report.Describe())
            : HealthCheckResult.Unhealthy($"{string.Join(" and ", gone)} no longer exist(s) (checked at start-up: {report.Describe()})"));
    }
}
