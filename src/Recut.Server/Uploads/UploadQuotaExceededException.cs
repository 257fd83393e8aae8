using Recut.Protocol.Errors;

namespace Recut.Server.Uploads;

/// <summary>An upload refused because it would pass the key's bytes-per-day (<see cref="Daily"/>) or bytes-held allowance.</summary>
public sealed class UploadQuotaExceededException(bool daily, long limitBytes)
    : Exception(daily ? ErrorMessages.UploadDailyQuota(limitBytes) : ErrorMessages.UploadHeldQuota(limitBytes))
{
    public bool Daily { get; } = daily;
    public long LimitBytes { get; } = limitBytes;
}
