namespace Recut.DashScopeSimulator;

/// <summary>Timings and limits of the simulated service; defaults are short so tests run fast.</summary>
public sealed class SimSettings
{
    public TimeSpan PendingFor { get; set; } = TimeSpan.FromMilliseconds(300);
    public TimeSpan RunFor { get; set; } = TimeSpan.FromMilliseconds(700);
    /// <summary>Upstream: task queries per second per account.</summary>
    public int QueriesPerSecond { get; set; } = 20;
    /// <summary>Upstream: task creations per second per account.</summary>
    public int SubmitsPerSecond { get; set; } = 5;
    /// <summary>How long an upload policy may be used (upstream: 300 s).</summary>
    public TimeSpan PolicyLifetime { get; set; } = TimeSpan.FromSeconds(300);
    /// <summary>How long temporary files stay readable (upstream: 48 h).</summary>
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromHours(48);
    /// <summary>How long a result URL works (upstream: 24 h).</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Zone of the list call's start_time/end_time.</summary>
    public TimeZoneInfo ListTimeZone { get; set; } = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;
}

/// <summary>One request the simulator received, for assertions on what Recut sent.</summary>
public sealed record SimRequest(DateTimeOffset At, string Method, string Path, string Query, string? Key,
    IReadOnlyDictionary<string, string> Headers, string? Body);
