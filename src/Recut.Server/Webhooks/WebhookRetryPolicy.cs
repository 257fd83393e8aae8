using Microsoft.Extensions.Options;
using Recut.Server.Configuration;

namespace Recut.Server.Webhooks;

/// <summary>
/// When a failed delivery is tried again: the base delay, then three times longer each attempt, capped at an hour,
/// each with ±20 % jitter so a receiver that comes back is not hit by every waiting event in the same second; given
/// up once the next try would fall past the retry window (24 h by default) from the first attempt.
/// The schedule lives in the outbox rather than in an in-memory retry loop (Polly), because it must survive restarts
/// and move between processes.
/// </summary>
public sealed class WebhookRetryPolicy(IOptions<RecutOptions> options)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <summary>The time of the next attempt after <paramref name="attemptsMade"/> failed ones, or null to give up.</summary>
    public DateTimeOffset? NextAttempt(int attemptsMade, DateTimeOffset firstAttempt, DateTimeOffset now, double jitter01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        var o = options.Value;
        var seconds = o.WebhookRetryBaseSeconds * Math.Pow(3, Math.Min(attemptsMade - 1, 20));
        var delay = TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds) * (0.8 + 0.4 * Math.Clamp(jitter01, 0, 1)));
        var next = now + delay;
        return next > firstAttempt + TimeSpan.FromHours(o.WebhookRetryHours) ? null : next;
    }
}
