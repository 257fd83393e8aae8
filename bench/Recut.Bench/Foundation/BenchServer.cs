using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Recut.Bench.Foundation;

/// <summary>
/// One <c>recut serve</c> under test (SQLite, its own data folder), driven through one persistent
/// <see cref="HttpClient"/>: a task is submitted with one POST and followed on its event stream (one long request the
/// server feeds from its own 250 ms store read), so the bench spawns nothing and polls nothing while an edit runs.
/// The server's stdout is kept: its task log has millisecond timestamps for every step.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private const string Key = "bench";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _http;

    private BenchServer(string label, Process process, Uri baseUrl)
    {
        Label = label;
        _process = process;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public string Label { get; }

    /// <summary>Every line the server wrote so far (the simple console log: "HH:mm:ss.fff level: category…").</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <param name="launcher">A <c>recut</c> launcher script (it builds the CLI when its sources are newer).</param>
    /// <param name="environment">More settings for the server (e.g. <c>Recut__SubmitsPerSecond</c>).</param>
    public static async Task<BenchServer> StartAsync(string label, string launcher, string dataDirectory, int workers, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "serve", "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["RECUT_API_KEYS"] = Key;
        psi.Environment["RECUT_ALLOW_PRIVATE_FETCH"] = "true";
        psi.Environment["RECUT_WORKERS"] = workers.ToString(CultureInfo.InvariantCulture);
        psi.Environment["RECUT_LOG_FORMAT"] = "";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {launcher}");
        var server = new BenchServer(label, process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync(ct);
        return server;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    private async Task WaitHealthyAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Label}: recut serve exited {_process.ExitCode}:\n{string.Join('\n', _log)}");
            }
            try
            {
                using var r = await _http.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"{Label}: recut serve did not become healthy");
    }

    /// <summary>Submits one DashScope create and returns the task id and the moment just before the POST.</summary>
    public async Task<(string Id, DateTimeOffset Submitted)> SubmitAsync(string bodyJson, CancellationToken ct)
    {
        var submitted = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/services/aigc/video-generation/video-synthesis")
        {
            Content = new StringContent(bodyJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Label}: create answered {(int)response.StatusCode}: {text}");
        }
        using var doc = JsonDocument.Parse(text);
        return (doc.RootElement.GetProperty("output").GetProperty("task_id").GetString()!, submitted);
    }

    /// <summary>
    /// Follows the task's event stream to its final status. Returns the server's own end_time (millisecond wall
    /// clock, the same clock as the submit moment) and when the final event arrived here (up to one 250 ms store
    /// read later); throws when the task did not succeed.
    /// </summary>
    public async Task<(DateTimeOffset End, DateTimeOffset Observed)> WaitSucceededAsync(string id, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks/{id}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(body).EnumerateAsync(ct))
        {
            if (item.EventType != "status")
            {
                continue;
            }
            var observed = DateTimeOffset.UtcNow;
            using var doc = JsonDocument.Parse(item.Data);
            var output = doc.RootElement.GetProperty("output");
            var status = output.GetProperty("task_status").GetString();
            if (status is "PENDING" or "RUNNING")
            {
                continue;
            }
            if (status != "SUCCEEDED")
            {
                throw new InvalidOperationException($"{Label}: task {id} ended {status}: {item.Data}\n{string.Join('\n', _log.TakeLast(30))}");
            }
            var end = DateTime.ParseExact(output.GetProperty("end_time").GetString()!, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            return (new DateTimeOffset(end, TimeSpan.Zero), observed);
        }
        throw new InvalidOperationException($"{Label}: the event stream of {id} ended without a final status");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }
}
