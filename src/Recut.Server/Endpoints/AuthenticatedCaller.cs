using Microsoft.AspNetCore.Http;
using Recut.Protocol.Errors;
using Recut.Server.Auth;
using Recut.Server.Limits;

namespace Recut.Server.Endpoints;

/// <summary>Common front door of the authenticated routes: identify the key, then apply its query rate.</summary>
public sealed class AuthenticatedCaller(CallerIdentity identity, PerKeyRateLimits limits)
{
    public (string? Tenant, IResult? Rejection) ForQuery(HttpContext context)
    {
        var (tenant, error) = identity.Identify(context.Request);
        if (error is not null)
        {
            return (null, ApiResponses.Error(context, error));
        }
        if (!limits.TryQuery(tenant!))
        {
            return (null, ApiResponses.Error(context, ErrorCodes.Throttling, ErrorMessages.QueryThrottled));
        }
        return (tenant, null);
    }

    public (string? Tenant, IResult? Rejection) ForSubmit(HttpContext context)
    {
        var (tenant, error) = identity.Identify(context.Request);
        return error is not null ? (null, ApiResponses.Error(context, error)) : (tenant, null);
    }

    public bool TrySubmit(string tenant) => limits.TrySubmit(tenant);
}
