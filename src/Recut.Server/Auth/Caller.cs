using Recut.Tasks.Keys;

namespace Recut.Server.Auth;

/// <summary>Who is calling: the tenant, and the per-key limits of a managed key (none for a static key).</summary>
public sealed record Caller(string TenantId, ApiKeyLimits Limits)
{
    public static Caller Static(string tenantId) => new(tenantId, ApiKeyLimits.None);
}
