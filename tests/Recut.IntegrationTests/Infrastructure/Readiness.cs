using System.Diagnostics;
using System.Net;

namespace Recut.IntegrationTests.Infrastructure;

/// <summary>How a test decides a started process is ready, the way a supervisor would.</summary>
public interface IReadiness
{
    /// <exception cref="TimeoutException">Not ready in time; the message says what was last seen.</exception>
    Task WaitAsync(RecutLauncher process, CancellationToken ct);
}

/// <summary>
/// Budgets that hold on a loaded two-core machine (five engineers building and testing at once): a cold `dotnet`
/// start with JIT, migrations and the ffmpeg inspection has been seen to take tens of seconds there.
/// </summary>
public static class ReadinessBudget
{
    public static TimeSpan Start { get; } = TimeSpan.FromSeconds(Seconds("RECUT_TEST_START_SECONDS", 240));

    /// <summary>One readiness request; the store answering slowly under load is not "down".</summary>
    public static TimeSpan PerRequest { get; } = TimeSpan.FromSeconds(30);

    private static double Seconds(string variable, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : fallback;
}

/// <summary>A process that listens on no port: ready once it prints its announcement (the worker role).</summary>
public sealed class AnnouncementReadiness(string line) : IReadiness
{
    public async Task WaitAsync(RecutLauncher process, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(ReadinessBudget.Start);
        try
        {
            await process.WaitForLineAsync(line, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"recut did not print '{line}' within {ReadinessBudget.Start.TotalSeconds:0} s ({process.Describe()})");
        }
    }
}

/// <summary>
/// An HTTP server: first its "serving" announcement (so a slow start is not mistaken for a dead one and no request is
/// wasted on a port nobody listens on yet), then GET /readyz until 200, each request with a generous timeout. On
/// giving up the message carries the last status and body, or the last exception, and the server's stderr tail.
/// </summary>
public sealed class HttpReadiness(Uri baseUrl) : IReadiness
{
    public const string ServingLine = "Recut is serving at";

    public async Task WaitAsync(RecutLauncher process, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(process);
        var clock = Stopwatch.StartNew();
        await new AnnouncementReadiness(ServingLine).WaitAsync(process, ct);
        var announced = clock.Elapsed;
        using var http = new HttpClient { Timeout = ReadinessBudget.PerRequest };
        var last = "no request answered yet";
        var attempts = 0;
        while (clock.Elapsed < ReadinessBudget.Start)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"recut serve exited while waiting for readiness; last /readyz: {last} ({process.Describe()})");
            }
            attempts++;
            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl, "readyz"), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                last = $"{e.GetType().Name}: {e.Message}";
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
        throw new TimeoutException(
            $"recut serve at {baseUrl} printed '{ServingLine}' after {announced.TotalSeconds:0.0} s but was not ready within "
            + $"{ReadinessBudget.Start.TotalSeconds:0} s ({attempts} readiness requests); last /readyz: {last} ({process.Describe()})");
    }
}
