using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Recut.Media.Tools;
using Recut.Server.Configuration;
using Recut.Server.Endpoints;
using Recut.Server.Hosting;

namespace Recut.Server.Tests;

/// <summary>Start-up refuses bad settings with one message naming the setting; readiness reads the start-up tool check.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task An_unknown_time_zone_stops_start_up_naming_the_setting()
    {
        var data = Path.Combine(Path.GetTempPath(), "recut-validate-" + Guid.NewGuid().ToString("N"));
        var options = new RecutOptions { DataDirectory = data, TimeZone = "Mars/Olympus_Mons", ApiKeys = "k" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RecutServer.BuildAsync(options, ["http://127.0.0.1:0"]));

        Assert.Contains("Recut__TimeZone", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "nothing may be created before the settings are checked");
    }

    [Fact]
    public void Valid_settings_pass_and_each_bad_one_is_named()
    {
        Assert.True(new RecutOptionsValidation().Validate(null, new RecutOptions { TimeZone = "Asia/Shanghai" }).Succeeded);
        Assert.True(new RecutOptionsValidation().Validate(null, new RecutOptions()).Succeeded);

        var result = new RecutOptionsValidation().Validate(null, new RecutOptions
        {
            LeaseSeconds = 0,
            RetentionHours = -1,
            PublicBaseUrl = "ftp://example.com",
            DashScope = new Recut.Engines.DashScope.DashScopeOptions { CreateGateLeaseSeconds = 0.5 },
        });

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Recut__DashScope__CreateGateLeaseSeconds:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("RECUT_LEASE_SECONDS:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Recut__RetentionHours:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Recut__PublicBaseUrl:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readiness_reports_the_start_up_inspection_and_notices_a_removed_tool()
    {
        var dir = Directory.CreateTempSubdirectory("recut-toolcheck-");
        try
        {
            var ffmpeg = Path.Combine(dir.FullName, "ffmpeg");
            var ffprobe = Path.Combine(dir.FullName, "ffprobe");
            await File.WriteAllTextAsync(ffmpeg, "");
            await File.WriteAllTextAsync(ffprobe, "");
            var check = new ToolCheck(new ToolReport(ffmpeg, ffprobe, "ffmpeg version 9", "ffprobe version 9", [], []));

            var ready = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Healthy, ready.Status);
            Assert.Contains("ffmpeg version 9", ready.Description, StringComparison.Ordinal);

            File.Delete(ffmpeg);
            var gone = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, gone.Status);
            Assert.Contains(ffmpeg, gone.Description, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
