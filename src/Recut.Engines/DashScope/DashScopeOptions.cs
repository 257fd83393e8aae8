using System.Globalization;

namespace Recut.Engines.DashScope;

/// <summary>
/// Settings of the DashScope relay engine (configuration section <c>Recut:DashScope</c>, environment
/// <c>Recut__DashScope__Name</c>). Defaults follow the real service; tests shorten the timings.
/// </summary>
public sealed class DashScopeOptions
{
    /// <summary>Region root: https://dashscope.aliyuncs.com (Beijing), https://dashscope-intl.aliyuncs.com (Singapore) or a workspace domain.</summary>
    public string BaseUrl { get; set; } = "https://dashscope.aliyuncs.com";

    /// <summary>Comma-separated pool of upstream API keys. Empty: the DASHSCOPE_API_KEY environment variable.</summary>
    public string? ApiKeys { get; set; }

    /// <summary>
    /// When a media URL goes upstream as it is. auto: http(s) URLs on public hosts pass through, everything else
    /// (Recut uploads, loopback or private hosts) is uploaded through DashScope's temporary-file flow; always: upload
    /// every input; never: pass every URL through (only for an upstream that can reach the same hosts, e.g. tests).
    /// </summary>
    public string MediaUpload { get; set; } = "auto";

    /// <summary>
    /// Hosts the upstream's result links (<c>output.video_url</c>) may point at, comma-separated; <c>*.domain</c> matches
    /// any host below it. The host of <see cref="BaseUrl"/> is always allowed too. The result is fetched through the
    /// same guarded fetcher as user URLs (address policy, pinned DNS, byte cap), so a compromised or spoofed upstream
    /// answer cannot make Recut read an internal address. DashScope serves results from <c>*.aliyuncs.com</c> OSS buckets.
    /// </summary>
    public string ResultHosts { get; set; } = "*.aliyuncs.com";

    /// <summary>The largest result video the relay copies (bytes); upstream's 1080P, 10 s outputs are far below it.</summary>
    public long MaxResultBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Task queries (and lists) per second per key; upstream allows 20.</summary>
    public double QueriesPerSecond { get; set; } = 20;

    /// <summary>Task creations per second per key; upstream allows 5.</summary>
    public double SubmitsPerSecond { get; set; } = 5;

    /// <summary>One HTTP exchange with the API (create, query, list, policy).</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Uploading an input or downloading the result.</summary>
    public double TransferTimeoutSeconds { get; set; } = 300;

    /// <summary>Attempts of one call that fails transiently (429, 5xx, timeouts, dropped connections).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First and largest pause between retries (jittered, exponential).</summary>
    public double RetryBaseSeconds { get; set; } = 1;
    public double RetryMaxSeconds { get; set; } = 30;

    /// <summary>Polling: first interval, growing to the largest (DashScope suggests 15 s for video tasks).</summary>
    public double PollMinSeconds { get; set; } = 3;
    public double PollMaxSeconds { get; set; } = 15;

    /// <summary>After a create whose answer was lost, how long to wait before looking the task up in the list.</summary>
    public double LostCreateGraceSeconds { get; set; } = 10;

    /// <summary>Zone in which the list call reads start_time/end_time (an assumption: the Beijing-hosted service's zone).</summary>
    public string ListTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Consecutive InvalidApiKey/Arrearage answers after which a key leaves the rotation.</summary>
    public int KeyFailureThreshold { get; set; } = 2;

    /// <summary>How long a key stays out of the rotation before it is tried again.</summary>
    public double KeyCooldownMinutes { get; set; } = 30;

    /// <summary>How long an upstream task is known after it ends; a relay record older than this is deleted.</summary>
    public double JournalRetentionHours { get; set; } = 48;

    /// <summary>
    /// The lease on a key's create gate (renewed every third of it while held): how long the other processes wait for a
    /// holder that was killed mid-create before one of them takes the gate and looks the lost create up.
    /// </summary>
    public double CreateGateLeaseSeconds { get; set; } = 30;

    /// <summary>The key pool: <see cref="ApiKeys"/>, else <c>DASHSCOPE_API_KEY</c>.</summary>
    public IReadOnlyList<string> ResolveKeys(Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        var text = string.IsNullOrWhiteSpace(ApiKeys) ? getEnv("DASHSCOPE_API_KEY") : ApiKeys;
        return (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The root every API path is appended to (a trailing /api/v1 is tolerated).</summary>
    public Uri ResolveBaseUrl()
    {
        var text = BaseUrl.Trim().TrimEnd('/');
        if (text.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^"/api/v1".Length];
        }
        return new Uri(text + "/", UriKind.Absolute);
    }

    /// <summary><see cref="ResultHosts"/> plus the API host itself.</summary>
    public IReadOnlyList<string> ResolveResultHosts() =>
        (ResultHosts ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append(ResolveBaseUrl().Host)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public TimeZoneInfo ResolveListTimeZone()
    {
        if (TimeSpan.TryParse(ListTimeZone, CultureInfo.InvariantCulture, out var offset))
        {
            return TimeZoneInfo.CreateCustomTimeZone("list", offset, "list", "list");
        }
        return TimeZoneInfo.FindSystemTimeZoneById(ListTimeZone);
    }

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);
    public TimeSpan TransferTimeout => TimeSpan.FromSeconds(TransferTimeoutSeconds);
}
