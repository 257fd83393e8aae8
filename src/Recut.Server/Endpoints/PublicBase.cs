using Microsoft.AspNetCore.Http;
using Recut.Server.Configuration;

namespace Recut.Server.Endpoints;

/// <summary>The base URL clients reach this server under: PublicBaseUrl when set, else the request's own scheme and host.</summary>
public static class PublicBase
{
    public static string Of(HttpContext context, RecutOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : options.PublicBaseUrl.TrimEnd('/');
    }
}
