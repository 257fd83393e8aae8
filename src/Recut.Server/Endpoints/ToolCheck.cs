using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recut.Media.Processes;

namespace Recut.Server.Endpoints;

/// <summary>Health: ffmpeg and ffprobe must start. Checked once and remembered; they do not vanish while we run.</summary>
public sealed class ToolCheck : IHealthCheck
{
    private Task<HealthCheckResult>? _result;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _result ??= ProbeAsync();

    private static async Task<HealthCheckResult> ProbeAsync()
    {
        try
        {
            var options = new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(20), ReadStdout = (s, ct) => s.CopyToAsync(Stream.Null, ct) };
            await ProcessRunner.Ffmpeg.RunAsync(["-hide_banner", "-version"], options, CancellationToken.None);
            await ProcessRunner.Ffprobe.RunAsync(["-hide_banner", "-version"], options, CancellationToken.None);
            return HealthCheckResult.Healthy("ffmpeg and ffprobe found");
        }
        catch (FfmpegException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
