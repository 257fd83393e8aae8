namespace Recut.Tasks.Keys;

/// <summary>
/// Per-key overrides of the server-wide limits (API.md §6). Null means "the server's default": a key created
/// without limits behaves exactly like a static key.
/// </summary>
/// <param name="RatePerSecond">Task submissions per second (queries scale with it, see the server's rate limits).</param>
/// <param name="MaxRunning">Tasks of this key running at once; the rest wait PENDING.</param>
/// <param name="DailyQuota">Tasks this key may create per UTC day; past it, creates are refused.</param>
/// <param name="MaxPending">Tasks of this key waiting PENDING at once; past it, creates are refused (429 Throttling).</param>
/// <param name="UploadDailyMb">Megabytes this key may upload per UTC day (429 Throttling.StorageQuota past it).</param>
/// <param name="UploadHeldMb">Megabytes of this key's unexpired uploads held at once (429 Throttling.StorageQuota past it).</param>
public sealed record ApiKeyLimits(int? RatePerSecond = null, int? MaxRunning = null, int? DailyQuota = null,
    int? MaxPending = null, int? UploadDailyMb = null, int? UploadHeldMb = null)
{
    public static readonly ApiKeyLimits None = new();

    /// <summary>Every limit that is set must be at least 1: a zero limit would be a revocation in disguise.</summary>
    public ApiKeyLimits Validated()
    {
        Check(RatePerSecond, "rate");
        Check(MaxRunning, "concurrency");
        Check(DailyQuota, "daily quota");
        Check(MaxPending, "pending queue");
        Check(UploadDailyMb, "daily upload");
        Check(UploadHeldMb, "upload storage");
        return this;
    }

    public override string ToString() =>
        $"rate {Show(RatePerSecond, "/s")}, concurrency {Show(MaxRunning, "")}, daily {Show(DailyQuota, "")}, "
        + $"pending {Show(MaxPending, "")}, uploads {Show(UploadDailyMb, " MB")}/day, {Show(UploadHeldMb, " MB")} held";

    private static string Show(int? value, string unit) => value is { } v ? $"{v}{unit}" : "default";

    private static void Check(int? value, string what)
    {
        if (value is < 1)
        {
            throw new ArgumentOutOfRangeException(what, value, $"The {what} limit must be at least 1 (leave it out for the server default).");
        }
    }
}
