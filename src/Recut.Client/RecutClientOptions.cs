using Recut.Protocol.Requests;

namespace Recut.Client;

/// <summary>Where the client talks to and how.</summary>
public sealed record RecutClientOptions
{
    /// <summary>Base URL: a Recut server, https://dashscope.aliyuncs.com (or a regional one), or an APIYI gateway.</summary>
    public required Uri BaseUrl { get; init; }

    public required string ApiKey { get; init; }

    /// <summary>
    /// DashScope: create and poll under /api/v1. APIYI: create under /wan, poll /v1/tasks (with real progress on Recut).
    /// </summary>
    public Dialect Dialect { get; init; } = Dialect.DashScope;

    /// <summary>First and largest poll interval of <see cref="RecutClient.WaitAsync"/>.</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the endpoint returns the same task for a repeated Idempotency-Key (Recut does), which makes a create
    /// safe to retry. Null: yes, except for DashScope (*.aliyuncs.com) and APIYI (*.apiyi.com) hosts, which ignore the
    /// header — there a create is sent exactly once.
    /// </summary>
    public bool? HonoursIdempotencyKey { get; init; }

    internal bool CreatesAreRetrySafe =>
        HonoursIdempotencyKey ?? !(BaseUrl.Host.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase)
            || BaseUrl.Host.EndsWith("apiyi.com", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether <see cref="RecutClient.WaitAsync"/> first follows the task's event stream (Recut's Server-Sent Events:
    /// live progress, no polling) and polls only when there is none. Null: yes, except for DashScope (*.aliyuncs.com)
    /// and APIYI (*.apiyi.com) hosts, which have no stream.
    /// </summary>
    public bool? UseEventStream { get; init; }

    /// <summary>
    /// An event stream silent this long (the server sends a heartbeat every 15 s) counts as dropped: it is resumed, and
    /// after a few failed resumptions the wait polls instead.
    /// </summary>
    public TimeSpan EventStreamStallTimeout { get; init; } = TaskEventStream.DefaultStallTimeout;

    internal bool WantsEventStream =>
        UseEventStream ?? !(BaseUrl.Host.EndsWith(".aliyuncs.com", StringComparison.OrdinalIgnoreCase)
            || BaseUrl.Host.EndsWith("apiyi.com", StringComparison.OrdinalIgnoreCase));

    /// <summary>Retries of safe calls (GET, and creates carrying an Idempotency-Key) on 429/5xx/network errors.</summary>
    public int MaxRetries { get; init; } = 3;
}
