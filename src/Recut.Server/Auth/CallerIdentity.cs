using Microsoft.AspNetCore.Http;
using Recut.Protocol.Errors;
using Recut.Tasks.Keys;

namespace Recut.Server.Auth;

/// <summary>
/// Reads "Authorization: Bearer key" and maps it to a caller, or to the API.md §2 401 errors. Static keys
/// (RECUT_API_KEYS, the development key) are checked first, in memory; then managed keys (`recut keys create`).
/// A revoked managed key answers exactly like an unknown one, and so does the development key once a managed key exists.
/// </summary>
public sealed class CallerIdentity(ApiKeyRing keys, ManagedKeyLookup? managed = null)
{
    public const string TenantItem = "recut.tenant";

    public async ValueTask<(Caller? Caller, ApiError? Error)> IdentifyAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, new ApiError(ErrorCodes.InvalidApiKey, ErrorMessages.NoApiKey));
        }
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header.Trim();
        if (key.Length == 0)
        {
            return (null, new ApiError(ErrorCodes.InvalidApiKey, ErrorMessages.NoApiKey));
        }
        if (keys.TenantOf(key) is { } tenant)
        {
            // The development key stands in only while no managed key exists; one created by `recut keys create`
            // while this server runs retires it like a revocation, without a restart.
            if (keys.IsDevelopmentKey && managed is not null && await managed.AnyActiveAsync(ct))
            {
                return (null, new ApiError(ErrorCodes.InvalidApiKey, ErrorMessages.InvalidApiKey));
            }
            return (Caller.Static(tenant), null);
        }
        if (managed is not null && await managed.FindAsync(ApiKeyMaterial.Hash(key), ct) is { IsRevoked: false } record)
        {
            return (new Caller(record.TenantId, record.Limits), null);
        }
        return (null, new ApiError(ErrorCodes.InvalidApiKey, ErrorMessages.InvalidApiKey));
    }
}
