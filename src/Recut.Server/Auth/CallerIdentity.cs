using Microsoft.AspNetCore.Http;
using Recut.Protocol.Errors;

namespace Recut.Server.Auth;

/// <summary>Reads "Authorization: Bearer key" and maps it to a tenant, or to the API.md §2 401 errors.</summary>
public sealed class CallerIdentity(ApiKeyRing keys)
{
    public const string TenantItem = "recut.tenant";

    public (string? TenantId, ApiError? Error) Identify(HttpRequest request)
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
        return keys.TenantOf(key) is { } tenant
            ? (tenant, null)
            : (null, new ApiError(ErrorCodes.InvalidApiKey, ErrorMessages.InvalidApiKey));
    }
}
