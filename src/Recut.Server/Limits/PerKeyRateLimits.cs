using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Recut.Server.Configuration;

namespace Recut.Server.Limits;

/// <summary>
/// Per API key token buckets for submissions and queries (API.md §6). In-process: with several API processes
/// each enforces its own share, which errs on the generous side rather than rejecting good traffic.
/// A managed key may carry its own submit rate; its query rate then scales by the server's ratio of queries to
/// submissions (20:5 by default, so 4 queries per submission), because a client polls in proportion to what it submits.
/// </summary>
public sealed class PerKeyRateLimits : IDisposable
{
    private readonly int _submitsPerSecond;
    private readonly int _queriesPerSecond;
    private readonly PartitionedRateLimiter<(string Tenant, int PerSecond)> _submits;
    private readonly PartitionedRateLimiter<(string Tenant, int PerSecond)> _queries;

    public PerKeyRateLimits(IOptions<RecutOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _submitsPerSecond = Math.Max(1, options.Value.SubmitsPerSecond);
        _queriesPerSecond = Math.Max(1, options.Value.QueriesPerSecond);
        _submits = Create();
        _queries = Create();
    }

    /// <param name="keyRate">A managed key's own submissions per second; null for the server default.</param>
    public bool TrySubmit(string tenantId, int? keyRate = null) => Acquire(_submits, tenantId, SubmitRate(keyRate));

    /// <param name="keyRate">A managed key's own submissions per second; null for the server default.</param>
    public bool TryQuery(string tenantId, int? keyRate = null) => Acquire(_queries, tenantId, QueryRate(keyRate));

    public int SubmitRate(int? keyRate) => keyRate is { } r and > 0 ? r : _submitsPerSecond;

    public int QueryRate(int? keyRate) => keyRate is { } r and > 0
        ? (int)Math.Max(1, Math.Ceiling((double)r * _queriesPerSecond / _submitsPerSecond))
        : _queriesPerSecond;

    public void Dispose()
    {
        _submits.Dispose();
        _queries.Dispose();
    }

    private static bool Acquire(PartitionedRateLimiter<(string, int)> limiter, string tenant, int perSecond)
    {
        using var lease = limiter.AttemptAcquire((tenant, perSecond));
        return lease.IsAcquired;
    }

    // The rate is part of the partition key: a key whose limit changes gets a fresh bucket at the new rate, and the
    // old bucket is dropped by the limiter once idle.
    private static PartitionedRateLimiter<(string Tenant, int PerSecond)> Create() =>
        PartitionedRateLimiter.Create<(string Tenant, int PerSecond), (string, int)>(resource =>
            RateLimitPartition.GetTokenBucketLimiter(resource, key => new TokenBucketRateLimiterOptions
            {
                TokenLimit = key.Item2,
                TokensPerPeriod = key.Item2,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
}
