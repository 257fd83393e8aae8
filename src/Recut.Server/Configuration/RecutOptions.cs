namespace Recut.Server.Configuration;

/// <summary>
/// Everything an operator can set. Bound from the "Recut" configuration section and from RECUT_* environment
/// variables (API.md §8 names), with command-line flags of `recut serve` on top.
/// </summary>
public sealed class RecutOptions
{
    /// <summary>Folder for the SQLite file, results, secrets and scratch space.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Task store: a SQLite file path, or a PostgreSQL connection string. Default: tasks.db under the data folder.</summary>
    public string? Db { get; set; }

    /// <summary>
    /// An S3-compatible bucket for results and uploads (RECUT_S3_*); without a bucket they stay in the data folder.
    /// With PostgreSQL it is what lets processes share no folder at all.
    /// </summary>
    public Recut.Media.Storage.S3.S3StorageOptions S3 { get; set; } = new();

    /// <summary>
    /// The secret that signs result URLs and upload policies (RECUT_SIGNING_SECRET, at least 32 characters). Unset: a
    /// random one kept in &lt;data&gt;/secrets, which every process sharing that folder reads. Processes that share no folder
    /// must all be given the same value, or a URL one signed is refused by another.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>Comma-separated static API keys (RECUT_API_KEYS).</summary>
    public string? ApiKeys { get; set; }

    /// <summary>Let the fetcher reach loopback/private addresses (RECUT_ALLOW_PRIVATE_FETCH). Tests and local development only.</summary>
    public bool AllowPrivateFetch { get; set; }

    /// <summary>api, worker or all.</summary>
    public ServerRole Role { get; set; } = ServerRole.All;

    /// <summary>Engine name: "local" (default) or another registered engine.</summary>
    public string Engine { get; set; } = "local";

    /// <summary>Workers in this process; each runs one task at a time. Default: half the cores, at least 1.</summary>
    public int Workers { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    public int LeaseSeconds { get; set; } = 30;

    /// <summary>After this many expired leases a task is failed rather than retried forever.</summary>
    public int MaxAttempts { get; set; } = 3;

    public double RetentionHours { get; set; } = 24;

    public double ResultUrlHours { get; set; } = 24;

    /// <summary>Per API key: running tasks at once (the rest wait PENDING).</summary>
    public int ConcurrencyPerKey { get; set; } = 5;

    /// <summary>Per API key: task submissions per second.</summary>
    public int SubmitsPerSecond { get; set; } = 5;

    /// <summary>Per API key: queries per second.</summary>
    public int QueriesPerSecond { get; set; } = 20;

    /// <summary>
    /// Server-wide cap on PENDING tasks of all keys together; a create past it → 429 Throttling. 0 = no cap.
    /// Counted in the store, so every API process sees the same queue.
    /// </summary>
    public int MaxPendingTotal { get; set; } = 1000;

    /// <summary>Per API key: PENDING tasks at once; a create past it → 429 Throttling (a managed key may have its own).</summary>
    public int MaxPendingPerKey { get; set; } = 100;

    /// <summary>Per API key: upload bytes per UTC day, in MB (a managed key may have its own). 0 = no limit.</summary>
    public int UploadDailyMb { get; set; } = 2048;

    /// <summary>Per API key: bytes of unexpired uploads held at once, in MB (a managed key may have its own). 0 = no limit.</summary>
    public int UploadHeldMb { get; set; } = 1024;

    /// <summary>
    /// Slowest request body accepted, in bytes per second, after <see cref="BodyGraceSeconds"/>; a body that drips
    /// slower is answered 408 RequestTimeout, so a slow client cannot hold a connection (and an upload slot) for hours.
    /// </summary>
    public int MinBodyBytesPerSecond { get; set; } = 1024;

    public int BodyGraceSeconds { get; set; } = 10;

    /// <summary>A create's JSON body (≤ 1 MB) must arrive whole within this; else 408 RequestTimeout.</summary>
    public int CreateBodyTimeoutSeconds { get; set; } = 30;

    /// <summary>An upload's body must arrive whole within this; else 408 RequestTimeout.</summary>
    public int UploadTimeoutSeconds { get; set; } = 900;

    /// <summary>
    /// How long an upload policy from GET /api/v1/uploads?action=getPolicy may be used for form uploads (DashScope: 300 s).
    /// One policy serves any number of files in its folder until then.
    /// </summary>
    public int UploadPolicySeconds { get; set; } = 300;

    /// <summary>A task event stream (GET …/events) sends a heartbeat after this many seconds without a change.</summary>
    public int EventHeartbeatSeconds { get; set; } = 15;

    /// <summary>Event streams one API key may hold open at once (each reads the store four times a second).</summary>
    public int MaxEventStreamsPerKey { get; set; } = 20;

    /// <summary>
    /// Let webhooks reach loopback and private addresses (RECUT_ALLOW_PRIVATE_WEBHOOKS): for receivers on the same
    /// host or network. Off by default, like <see cref="AllowPrivateFetch"/>; cloud metadata addresses stay refused.
    /// </summary>
    public bool AllowPrivateWebhooks { get; set; }

    /// <summary>One webhook delivery attempt (connect, send, answer) must finish within this.</summary>
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>Deliveries in flight at once to one endpoint, per process.</summary>
    public int WebhookConcurrencyPerEndpoint { get; set; } = 4;

    /// <summary>The first retry's delay; each next one is three times longer (capped at an hour), with ±20 % jitter.</summary>
    public double WebhookRetryBaseSeconds { get; set; } = 5;

    /// <summary>An event not delivered this long after its first attempt is given up.</summary>
    public double WebhookRetryHours { get; set; } = 24;

    /// <summary>An endpoint failing every delivery this long (no success in between) is disabled.</summary>
    public double WebhookDisableAfterHours { get; set; } = 24;

    /// <summary>How often a process looks for events written by other processes (its own wake it at once).</summary>
    public int WebhookPollMilliseconds { get; set; } = 1000;

    /// <summary>Time zone for wire times (IANA id); UTC when unset.</summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// Base URL used in signed result links; when unset, the request's own scheme and host — which a client chooses,
    /// so set this (or <see cref="AllowedHosts"/>) on any server others can reach.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Host names this server answers to, comma-separated ("recut.example.com,*.example.org", ports allowed); a request
    /// naming any other host gets 400. Unset: every host (fine on loopback, a risk behind a public address).
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>Total time a fetch of one input may take.</summary>
    public int FetchTimeoutSeconds { get; set; } = 120;

    /// <summary>Wall-clock limit on one edit.</summary>
    public int EditTimeoutSeconds { get; set; } = 900;

    /// <summary>The DashScope relay engine (Engine = "dashscope"): region, key pool, timings.</summary>
    public Recut.Engines.DashScope.DashScopeOptions DashScope { get; set; } = new();

    public string ResolvedDb => string.IsNullOrWhiteSpace(Db) ? Path.Combine(DataDirectory, "tasks.db") : Db;

    public TimeZoneInfo ResolvedTimeZone =>
        string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool RunsApi => Role is ServerRole.All or ServerRole.Api;

    public bool RunsWorkers => Role is ServerRole.All or ServerRole.Worker;
}

public enum ServerRole
{
    All,
    Api,
    Worker,
}
