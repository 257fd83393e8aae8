namespace Recut.Tasks;

/// <summary>
/// A create refused because the tenant's managed key has used its daily task quota (counted per UTC day, in the
/// same transaction as the insert, so concurrent creates can never exceed it).
/// </summary>
public sealed class DailyQuotaExceededException(string tenantId, int quota)
    : Exception($"The daily task quota of this API key ({quota} tasks per UTC day) is used up; it resets at 00:00 UTC.")
{
    public string TenantId { get; } = tenantId;
    public int Quota { get; } = quota;
}
