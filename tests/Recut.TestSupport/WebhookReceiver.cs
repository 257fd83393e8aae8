using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Recut.TestSupport;

/// <summary>One POST as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, byte[] Body, DateTimeOffset ReceivedAt, int Answered)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A real webhook receiver on 127.0.0.1 (Kestrel, ephemeral port) that records every delivery. Each path answers
/// according to a script (a list of status codes, or a delay) so tests can make it fail, hang, then recover.
/// It verifies signatures with its own implementation of the Standard Webhooks scheme, written from the
/// specification and not shared with Recut's, so a bug there cannot hide itself.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task<int>>>> _scripts = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>What <see cref="ReceivedWebhook.Answered"/> says of a request the sender gave up on before an answer.</summary>
    public const int Abandoned = 0;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>The next answers of <paramref name="path"/>, in order; after them it answers 200.</summary>
    public void Answer(string path, params int[] statuses)
    {
        var queue = _scripts.GetOrAdd(Normalize(path), _ => new());
        foreach (var status in statuses)
        {
            queue.Enqueue(_ => Task.FromResult(status));
        }
    }

    /// <summary>
    /// The next request to <paramref name="path"/> gets no answer for <paramref name="delay"/> (then 200); recorded as
    /// <see cref="Abandoned"/> when the sender hangs up first.
    /// </summary>
    public void Hang(string path, TimeSpan delay)
    {
        _scripts.GetOrAdd(Normalize(path), _ => new()).Enqueue(async context =>
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up first: that is the point.
                return Abandoned;
            }
            return 200;
        });
    }

    /// <summary>
    /// Every request to <paramref name="path"/> is answered only after <paramref name="delay"/>: deliveries stay in flight
    /// long enough for a kill to land in the middle of one.
    /// </summary>
    public void SlowDown(string path, TimeSpan delay) => _delays[Normalize(path)] = delay;

    /// <summary>Waits until <paramref name="done"/> holds for what was received, or fails after <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var now = Received;
            if (done(now))
            {
                return now;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver did not get what was expected within {limit}; it got {now.Count}: "
                    + string.Join(" | ", now.Select(r => $"{r.Path} {r.Answered} {r.Text[..Math.Min(120, r.Text.Length)]}")));
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Standard Webhooks verification from the specification: base64 HMAC-SHA256, keyed with the base64 bytes after
    /// "whsec_", over "{id}.{timestamp}.{body}"; the header lists "v1,{signature}" entries separated by spaces.
    /// </summary>
    public static bool SignatureIsValid(ReceivedWebhook webhook, string secret)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.Split('_', 2)[1]);
        var signed = Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.").Concat(webhook.Body).ToArray();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return webhook.Signature.Split(' ').Any(entry => entry.Split(',', 2) is ["v1", var value] && value == expected);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow; // before any scripted delay: latency is the sender's, not ours
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var path = Normalize(context.Request.Path.Value ?? "/");
        void Record(int answered) => _received.Enqueue(new ReceivedWebhook(path, context.Request.Headers["webhook-id"].ToString(),
            context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString(),
            buffer.ToArray(), arrived, answered));
        if (_delays.TryGetValue(path, out var delay))
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Record(Abandoned);
                return;
            }
        }
        var status = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var next)
            ? await next(context).ConfigureAwait(false)
            : 200;
        Record(status);
        if (!context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = status;
        }
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;
}
