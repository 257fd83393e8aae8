using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Recut.Server.Configuration;

namespace Recut.Server.Limits;

/// <summary>
/// Per API key token buckets for submissions and queries (API.md §6). In-process: with several API processes
/// each enforces its own share, which errs on the generous side rather than rejecting good traffic.
/// </summary>
public sealed class PerKeyRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _submits;
    private readonly PartitionedRateLimiter<string> _queries;

    public PerKeyRateLimits(IOptions<RecutOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _submits = Create(o.SubmitsPerSecond);
        _queries = Create(o.QueriesPerSecond);
    }

    public bool TrySubmit(string tenantId) => Acquire(_submits, tenantId);

    public bool TryQuery(string tenantId) => Acquire(_queries, tenantId);

    public void Dispose()
    {
        _submits.Dispose();
        _queries.Dispose();
    }

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string tenant)
    {
        using var lease = limiter.AttemptAcquire(tenant);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Create(int perSecond) =>
        PartitionedRateLimiter.Create<string, string>(tenant => RateLimitPartition.GetTokenBucketLimiter(tenant, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, perSecond),
                TokensPerPeriod = Math.Max(1, perSecond),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
}
