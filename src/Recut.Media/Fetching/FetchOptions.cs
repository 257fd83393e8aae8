using Recut.Media.Rules;

namespace Recut.Media.Fetching;

/// <summary>Limits of one fetch. The server fills <see cref="AllowPrivateAddresses"/> from RECUT_ALLOW_PRIVATE_FETCH.</summary>
public sealed record FetchOptions
{
    /// <summary>Lets URLs reach loopback and private networks: tests and local development only.</summary>
    public bool AllowPrivateAddresses { get; init; }
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public int MaxRedirects { get; init; } = 3;
    public long MaxVideoBytes { get; init; } = MediaLimits.Default.VideoMaxBytes;
    public long MaxImageBytes { get; init; } = MediaLimits.Default.ImageMaxBytes;
    public string UserAgent { get; init; } = "Recut-Fetcher/1.0";

    /// <summary>
    /// When set, only these hosts may be fetched from, the first URL and every redirect hop alike (the address policy
    /// still applies to them). Null: any host the address policy allows.
    /// </summary>
    public HostAllowList? AllowedHosts { get; init; }

    public long MaxBytes(MediaKind kind) => kind == MediaKind.Video ? MaxVideoBytes : MaxImageBytes;
}
