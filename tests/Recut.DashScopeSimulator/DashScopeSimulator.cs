using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Recut.DashScopeSimulator;

/// <summary>
/// A small DashScope-compatible server on 127.0.0.1 standing in for the paid upstream in tests: the routes of API.md
/// with upstream's behaviour (statuses over time, UNKNOWN after expiry or for another account, cancel only while
/// PENDING, per-account rate limits, getPolicy + OSS form upload, expiring result URLs) and scripted faults.
/// It does not edit video: a task's result is its input video, copied, so tests can compare bytes end to end.
/// </summary>
public sealed partial class DashScopeSimulator : IAsyncDisposable
{
    public const string Model = "wan2.7-videoedit";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _arrearage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimRequest> _requests = new();
    private readonly List<(Func<SimTask, bool> Match, SimOutcome Outcome)> _rules = [];
    private readonly string _root;

    private DashScopeSimulator(WebApplication app, string root)
    {
        _app = app;
        _root = root;
        Directory.CreateDirectory(Path.Combine(root, "uploads"));
        Directory.CreateDirectory(Path.Combine(root, "results"));
    }

    public Uri BaseUrl { get; private set; } = null!;
    public SimSettings Settings { get; } = new();
    public SimFaultPlan Faults { get; } = new();
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Every task ever created (expired ones too), oldest first.</summary>
    public IReadOnlyList<SimTask> Tasks => _tasks.Values.OrderBy(t => t.Created).ToList();

    public IReadOnlyList<SimRequest> Requests => _requests.ToList();

    public static async Task<DashScopeSimulator> StartAsync(string workDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = 200L * 1024 * 1024;
        });
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 200L * 1024 * 1024);
        var app = builder.Build();
        var sim = new DashScopeSimulator(app, workDirectory);
        app.Use(sim.RecordAsync);
        sim.MapTaskRoutes(app);
        sim.MapFileRoutes(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sim.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return sim;
    }

    /// <summary>Makes <paramref name="key"/> valid for <paramref name="account"/> (an Alibaba Cloud main account).</summary>
    public void AddKey(string key, string account = "account-1") => _accounts[key] = account;

    /// <summary>The account behind the key is in arrears: every call answers 400 Arrearage.</summary>
    public void SetArrearage(string key, bool inArrears = true) => _arrearage[key] = inArrears;

    /// <summary>Tasks whose prompt contains <paramref name="text"/> end as <paramref name="outcome"/> says.</summary>
    public void WhenPromptContains(string text, SimOutcome outcome)
    {
        lock (_rules)
        {
            _rules.Add((t => t.Prompt.Contains(text, StringComparison.Ordinal), outcome));
        }
    }

    /// <summary>Upstream forgets every task (its 24 h are over): queries answer UNKNOWN.</summary>
    public void ExpireAllTasks()
    {
        foreach (var t in _tasks.Values)
        {
            t.Expired = true;
        }
    }

    /// <summary>Every result URL handed out so far now answers 403 "Request has expired.".</summary>
    public void ExpireAllResults()
    {
        foreach (var k in _results.Keys)
        {
            _results[k] = _results[k] with { ExpiresAt = DateTimeOffset.MinValue };
        }
    }

    /// <summary>The most queries (GET /api/v1/tasks/…) one account made within any one second.</summary>
    public int MaxQueriesPerSecond(string account = "account-1")
    {
        var times = _requests.Where(r => r.Method == "GET" && r.Path.StartsWith("/api/v1/tasks/", StringComparison.Ordinal)
                && r.Key is not null && _accounts.TryGetValue(r.Key, out var a) && a == account)
            .Select(r => r.At).OrderBy(t => t).ToList();
        var max = 0;
        for (int i = 0, j = 0; i < times.Count; i++)
        {
            while (times[i] - times[j] >= TimeSpan.FromSeconds(1))
            {
                j++;
            }
            max = Math.Max(max, i - j + 1);
        }
        return max;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        foreach (var t in _tasks.Values)
        {
            t.ProduceLock.Dispose();
        }
    }

    internal DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The account of the caller's key, or the error upstream would answer.</summary>
    internal (string? Account, string? Key, IResult? Error) Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length <= 7)
        {
            return (null, null, SimJson.Error(401, "InvalidApiKey", "No API-key provided."));
        }
        var key = header[7..].Trim();
        if (!_accounts.TryGetValue(key, out var account))
        {
            return (null, key, SimJson.Error(401, "InvalidApiKey", "Invalid API-key provided."));
        }
        if (_arrearage.TryGetValue(key, out var arrears) && arrears)
        {
            return (null, key, SimJson.Error(400, "Arrearage", "Access denied, please make sure your account is in good standing."));
        }
        return (account, key, null);
    }

    internal SimOutcome OutcomeFor(SimTask probe)
    {
        lock (_rules)
        {
            return _rules.LastOrDefault(r => r.Match(probe)).Outcome ?? new SimOutcome();
        }
    }

    /// <summary>Applies the next scripted fault of <paramref name="operation"/> around serving the call.</summary>
    internal async Task WithFaultsAsync(HttpContext context, SimOperation operation, Serve serve)
    {
        var fault = Faults.Take(operation);
        if (fault?.Status is { } status)
        {
            await SimJson.Error(status, fault.Code ?? "InternalError", fault.Message ?? "scripted fault").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        var result = await serve().ConfigureAwait(false);
        if (fault?.LoseResponse == true)
        {
            context.Abort();
            return;
        }
        if (fault?.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>Serves one call (its own type: ASP0016 mistakes a Func returning Task&lt;IResult&gt; for a request delegate).</summary>
    internal delegate Task<IResult> Serve();

    private static string RouteId(HttpContext context) => context.Request.RouteValues["id"]?.ToString() ?? "";

    private async Task RecordAsync(HttpContext context, Func<Task> next)
    {
        string? body = null;
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            context.Request.Body.Position = 0;
        }
        var auth = context.Request.Headers.Authorization.ToString();
        var headers = context.Request.Headers.Where(h => h.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new SimRequest(Now, context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
            auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..].Trim() : null, headers, body));
        await next().ConfigureAwait(false);
    }

    internal static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
