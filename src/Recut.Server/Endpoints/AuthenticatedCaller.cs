using Microsoft.AspNetCore.Http;
using Recut.Protocol.Errors;
using Recut.Server.Auth;
using Recut.Server.Limits;

namespace Recut.Server.Endpoints;

/// <summary>Common front door of the authenticated routes: identify the key, then apply its query rate.</summary>
public sealed class AuthenticatedCaller(CallerIdentity identity, PerKeyRateLimits limits)
{
    public async Task<(Caller? Caller, IResult? Rejection)> ForQueryAsync(HttpContext context)
    {
        var (caller, error) = await identity.IdentifyAsync(context.Request, context.RequestAborted);
        if (error is not null)
        {
            return (null, ApiResponses.Error(context, error));
        }
        if (!limits.TryQuery(caller!.TenantId, caller.Limits.RatePerSecond))
        {
            return (null, ApiResponses.Error(context, ErrorCodes.Throttling, ErrorMessages.QueryThrottled));
        }
        return (caller, null);
    }

    public async Task<(Caller? Caller, IResult? Rejection)> ForSubmitAsync(HttpContext context)
    {
        var (caller, error) = await identity.IdentifyAsync(context.Request, context.RequestAborted);
        return error is not null ? (null, ApiResponses.Error(context, error)) : (caller, null);
    }

    public bool TrySubmit(Caller caller) => limits.TrySubmit(caller.TenantId, caller.Limits.RatePerSecond);
}
