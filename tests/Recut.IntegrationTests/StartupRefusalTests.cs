using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests;

/// <summary>`recut serve` with a bad setting stops before serving, with one line naming the setting and exit code 2.</summary>
public sealed class StartupRefusalTests
{
    [Theory]
    [InlineData("Recut__TimeZone", "Mars/Olympus_Mons", "Recut__TimeZone")]
    [InlineData("Recut__LeaseSeconds", "soon", "Recut:LeaseSeconds")]
    public async Task A_bad_setting_stops_start_up_with_one_line_naming_it(string variable, string value, string named)
    {
        using var dir = new TempDir("recut-refuse-");
        await using var serve = new RecutLauncher();
        serve.Start(["serve", "--urls", "http://127.0.0.1:0", "--data", dir.Path], new Dictionary<string, string> { [variable] = value });

        using var limit = new CancellationTokenSource(ReadinessBudget.Start);
        await serve.WaitForExitAsync(limit.Token);

        Assert.Equal(2, serve.ExitCode);
        var line = Assert.Single(serve.StderrTail.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("recut serve: cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain(HttpReadiness.ServingLine, serve.Log, StringComparison.Ordinal);
    }
}
