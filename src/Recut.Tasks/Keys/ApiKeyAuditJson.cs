using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recut.Tasks.Keys;

/// <summary>The before/after snapshots of the audit log: everything about a key except its hash.</summary>
internal static class ApiKeyAuditJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Snapshot(ApiKeyRecord key) => JsonSerializer.Serialize(new Shape(
        key.Name, key.Prefix, key.TenantId, key.CreatedAt.UtcDateTime, key.RevokedAt?.UtcDateTime,
        key.Limits.RatePerSecond, key.Limits.MaxRunning, key.Limits.DailyQuota,
        key.Limits.MaxPending, key.Limits.UploadDailyMb, key.Limits.UploadHeldMb), Options);

    private sealed record Shape(
        string Name, string Prefix, string TenantId, DateTime CreatedAt, DateTime? RevokedAt,
        int? RatePerSecond, int? MaxRunning, int? DailyQuota,
        int? MaxPending, int? UploadDailyMb, int? UploadHeldMb);
}
