using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recut.Media;
using Recut.Media.Fetching;
using Recut.Protocol.Webhooks;
using Recut.Server.Configuration;
using Recut.Server.Observability;
using Recut.Tasks;
using Recut.Tasks.Webhooks;

namespace Recut.Server.Webhooks;

/// <summary>
/// Delivers the outbox: claims due events, POSTs each signed body to its endpoint through the same address guard as
/// media fetching (no redirects followed), and records the outcome (delivered; retried later; given up). Runs in
/// every process; claims keep two processes from sending one event at once, and an expired claim (a killed process)
/// is taken over, so delivery is at least once. Each endpoint gets at most a few deliveries at a time.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    /// <summary>Claimed per endpoint-slot: a batch is at most this many rounds of one endpoint's concurrency.</summary>
    private const int RoundsPerBatch = 4;

    private readonly IWebhookStore _store;
    private readonly ITaskStore _tasks;
    private readonly WebhookPayload _payload;
    private readonly WebhookRetryPolicy _retry;
    private readonly WebhookWakeup _wakeup;
    private readonly RecutMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly RecutOptions _options;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _endpoints = new(StringComparer.Ordinal);
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:webhooks";

    public WebhookDispatcher(IWebhookStore store, ITaskStore tasks, WebhookPayload payload, WebhookRetryPolicy retry,
        WebhookWakeup wakeup, RecutMetrics metrics, TimeProvider time, IOptions<RecutOptions> options, ILogger<WebhookDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _tasks = tasks;
        _payload = payload;
        _retry = retry;
        _wakeup = wakeup;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _http = new HttpClient(GuardedHttpHandler.Create(_options.AllowPrivateWebhooks, Timeout)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Recut-Webhooks/1.0");
    }

    private TimeSpan Timeout => TimeSpan.FromSeconds(_options.WebhookTimeoutSeconds);

    private int BatchSize => Math.Max(1, _options.WebhookConcurrencyPerEndpoint) * RoundsPerBatch;

    // Long enough for every event of a batch to wait its turn at one endpoint and be sent, so a live process does not
    // lose its claims to another one (which would send the same event twice).
    private TimeSpan ClaimFor => Timeout * (RoundsPerBatch + 1);

    /// <summary>
    /// Keeps up to <see cref="BatchSize"/> deliveries in flight, claiming more as soon as one ends (not when a whole
    /// batch has), so one slow endpoint does not hold back the events of the others.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(_options.WebhookPollMilliseconds);
        var inFlight = new List<Task>();
        Task? wake = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                var claimed = 0;
                if (inFlight.Count < BatchSize)
                {
                    try
                    {
                        var batch = await _store.ClaimDueAsync(_worker, BatchSize - inFlight.Count, ClaimFor, stoppingToken);
                        inFlight.AddRange(batch.Select(d => DeliverLoggedAsync(d, stoppingToken)));
                        claimed = batch.Count;
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        // The store is unreachable: what was claimed is taken over when its claim expires.
                        _logger.LogWarning(e, "Claiming webhook events failed");
                        await Task.Delay(poll, _time, stoppingToken).ConfigureAwait(false);
                        continue;
                    }
                }
                if (claimed > 0 && inFlight.Count < BatchSize)
                {
                    continue; // more may be due
                }
                // One wake-up wait outlives loop turns, so a notification is never taken by an abandoned waiter.
                wake ??= _wakeup.WaitAsync(poll, stoppingToken);
                var ended = await Task.WhenAny([wake, .. inFlight]).ConfigureAwait(false);
                if (ended == wake)
                {
                    await wake.ConfigureAwait(false);
                    wake = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: deliveries still in flight end with the same token; their claims expire if they did not finish.
        }
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task DeliverLoggedAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        try
        {
            await DeliverAsync(delivery, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping mid-delivery: the claim expires and another process sends the event.
        }
        catch (Exception e)
        {
            // A store write failed after the attempt: the claim expires and the event goes again (at least once).
            _logger.LogWarning(e, "Webhook {EventId} to {Url}: recording the attempt failed", delivery.EventId, delivery.Url);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        foreach (var gate in _endpoints.Values)
        {
            gate.Dispose();
        }
        base.Dispose();
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        var gate = _endpoints.GetOrAdd(EndpointOf(delivery.Url), _ => new SemaphoreSlim(Math.Max(1, _options.WebhookConcurrencyPerEndpoint)));
        await gate.WaitAsync(ct);
        try
        {
            var task = await _tasks.GetAsync(delivery.TaskId, delivery.TenantId, ct);
            if (task is null)
            {
                await FailAsync(delivery, null, "The task no longer exists (removed by retention), so there is nothing to send.",
                    TimeSpan.Zero, giveUp: true, ct);
                return;
            }
            var body = _payload.Build(delivery, task);
            var secrets = await _store.SigningSecretsAsync(delivery.TenantId, ct);
            await SendAsync(delivery, body, secrets, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task SendAsync(WebhookDelivery delivery, byte[] body, IReadOnlyList<string> secrets, CancellationToken ct)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(StandardWebhook.IdHeader, delivery.EventId);
        request.Headers.TryAddWithoutValidation(StandardWebhook.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(StandardWebhook.SignatureHeader,
            StandardWebhook.SignatureHeaderValue(secrets, delivery.EventId, timestamp, body));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                await _store.RecordDeliveredAsync(delivery, _worker, status, clock.Elapsed, ct);
                _metrics.WebhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
                if (delivery.Attempts == 0)
                {
                    _metrics.WebhookLatency.Record((_time.GetUtcNow() - delivery.CreatedAt).TotalMilliseconds);
                }
                return;
            }
            var why = status is >= 300 and < 400
                ? $"The endpoint answered HTTP {status}; redirects are not followed."
                : $"The endpoint answered HTTP {status}.";
            await FailAsync(delivery, status, why, clock.Elapsed, giveUp: false, ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await FailAsync(delivery, null, $"No answer within {Timeout.TotalSeconds:0.#} s.", clock.Elapsed, giveUp: false, ct);
        }
        catch (HttpRequestException e) when (Unwrap<MediaException>(e) is { Code: MediaErrorCodes.InvalidUrl } refused)
        {
            // The address guard refused the endpoint (a private or metadata address): trying again cannot help.
            await FailAsync(delivery, null, refused.Message, clock.Elapsed, giveUp: true, ct);
        }
        catch (HttpRequestException e)
        {
            var why = Unwrap<MediaException>(e)?.Message ?? $"The request failed: {e.HttpRequestError}.";
            await FailAsync(delivery, null, why, clock.Elapsed, giveUp: false, ct);
        }
    }

    private async Task FailAsync(WebhookDelivery delivery, int? status, string why, TimeSpan took, bool giveUp, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var retryAt = giveUp ? null : _retry.NextAttempt(delivery.Attempts + 1, delivery.FirstAttemptAt, now, Random.Shared.NextDouble());
        var disabled = await _store.RecordFailedAsync(delivery, _worker, status, why, took, retryAt,
            TimeSpan.FromHours(_options.WebhookDisableAfterHours), ct);
        _metrics.WebhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", retryAt is null ? "dead" : "retry"));
        _logger.LogWarning("Webhook {EventId} ({EventType}, task {TaskId}) to {Url}: {Why} {Next}", delivery.EventId, delivery.EventType,
            delivery.TaskId, delivery.Url, why, retryAt is { } at ? $"Next attempt at {at:O}." : "Given up.");
        if (disabled)
        {
            _logger.LogError("Webhook endpoint {Url} of tenant {TenantId} disabled after {Hours} h of failed deliveries",
                delivery.Url, delivery.TenantId, _options.WebhookDisableAfterHours);
        }
    }

    private static string EndpointOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;

    private static T? Unwrap<T>(Exception e) where T : Exception
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is T match)
            {
                return match;
            }
        }
        return null;
    }
}
