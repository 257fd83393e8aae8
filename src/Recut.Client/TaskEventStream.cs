using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Recut.Client;

/// <summary>
/// Reads a Recut server's task event stream (<c>GET /api/v1/tasks/{id}/events</c>, Server-Sent Events): each status or
/// progress event as a <see cref="TaskInfo"/>, until the final status. A dropped or stalled connection is resumed
/// with <c>Last-Event-ID</c>, so nothing is repeated or missed; an endpoint without the stream (DashScope, APIYI, an
/// older Recut) is reported as such, and callers poll instead.
/// </summary>
internal sealed class TaskEventStream(HttpClient http, Func<HttpRequestMessage> newRequest, TimeSpan? stallTimeout = null)
{
    /// <summary>Reconnections after a drop before the caller is told to poll instead.</summary>
    public const int MaxReconnects = 5;

    /// <summary>No event at all (the server sends a heartbeat every 15 s) for this long counts as a dropped connection.</summary>
    public static readonly TimeSpan DefaultStallTimeout = TimeSpan.FromSeconds(45);

    private TimeSpan StallTimeout { get; } = stallTimeout ?? DefaultStallTimeout;

    /// <summary>False once the endpoint answered the stream's URL with anything but an event stream.</summary>
    public bool Supported { get; private set; } = true;

    /// <summary>
    /// The task's states in order, ending with a final one; ends early (without a final state) when the endpoint has
    /// no event stream or the connection could not be resumed — then <see cref="Supported"/> or the caller's polling
    /// takes over.
    /// </summary>
    public async IAsyncEnumerable<TaskInfo> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        string? lastId = null;
        for (var attempt = 0; attempt <= MaxReconnects; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct).ConfigureAwait(false);
            }
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stall.CancelAfter(StallTimeout);
            var connection = await OpenAsync(lastId, stall.Token, ct).ConfigureAwait(false);
            if (connection is null)
            {
                if (!Supported)
                {
                    yield break;
                }
                continue;
            }
            using var response = connection;
            await using var body = await ReadBodyAsync(response, stall.Token, ct).ConfigureAwait(false);
            if (body is null)
            {
                continue;
            }
            var events = SseParser.Create(body).EnumerateAsync(stall.Token).GetAsyncEnumerator(stall.Token);
            try
            {
                while (true)
                {
                    var (more, item) = await NextAsync(events, ct).ConfigureAwait(false);
                    if (!more)
                    {
                        break;
                    }
                    stall.CancelAfter(StallTimeout);
                    if (item.EventType is not ("status" or "progress"))
                    {
                        continue; // heartbeats only keep the connection (and the stall timer) alive
                    }
                    lastId = item.EventId ?? lastId;
                    TaskInfo task;
                    using (var doc = JsonDocument.Parse(item.Data))
                    {
                        task = TaskShapes.FromDashScope(doc.RootElement);
                    }
                    yield return task;
                    if (task.IsFinal)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <param name="stall">Cancelled when the server is silent too long: a dropped connection, tried again.</param>
    /// <param name="ct">The caller's own cancellation, which still throws.</param>
    private async Task<HttpResponseMessage?> OpenAsync(string? lastId, CancellationToken stall, CancellationToken ct)
    {
        var request = newRequest();
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastId);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null; // the connection failed: try again
        }
        finally
        {
            request.Dispose();
        }
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return response;
        }
        // 404/405 (no such route), 200 with another body (a gateway's page): this endpoint has no stream. Errors that
        // would also fail a poll (401, 429, 5xx) are left to the poll, which reports them as API errors.
        Supported = false;
        response.Dispose();
        return null;
    }

    private static async Task<Stream?> ReadBodyAsync(HttpResponseMessage response, CancellationToken stall, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadAsStreamAsync(stall).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>The next event, or false when the stream ended, dropped or stalled (the caller's own cancellation still throws).</summary>
    private static async Task<(bool More, SseItem<string> Item)> NextAsync(IAsyncEnumerator<SseItem<string>> events, CancellationToken ct)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false) ? (true, events.Current) : (false, default);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (false, default);
        }
    }
}
