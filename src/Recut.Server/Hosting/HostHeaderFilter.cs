using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Recut.Protocol.Errors;
using Recut.Server.Configuration;
using Recut.Server.Endpoints;

namespace Recut.Server.Hosting;

/// <summary>
/// Result links are absolute URLs. Without a configured public base URL they are built from the request's Host
/// header, which the client writes: a poisoned Host (through a cache or a proxy that forwards it) would hand other
/// people links to the attacker's server. The filter refuses requests for any other host, with the same JSON error
/// shape as every other refusal; the patterns are ASP.NET Core's own (<see cref="HostString.MatchesAny"/>).
/// </summary>
public static class HostHeaderFilter
{
    /// <param name="urls">The addresses the server listens on: a warning is due only when others can reach it.</param>
    public static void Use(WebApplication app, RecutOptions options, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        var patterns = Parse(options.AllowedHosts);
        if (patterns.Count == 0)
        {
            if (string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !urls.All(IsLoopback))
            {
                app.Logger.LogWarning("Result links are built from each request's Host header; behind a public address set "
                    + "Recut__PublicBaseUrl or Recut__AllowedHosts (see README, \"Running it for others\")");
            }
            return;
        }
        app.Use(async (context, next) =>
        {
            if (!HostString.MatchesAny(new StringSegment(context.Request.Host.Host), patterns))
            {
                await ApiResponses.WriteErrorAsync(context, new ApiError(ErrorCodes.InvalidParameter,
                    "The request's Host header names a host this server does not answer to."));
                return;
            }
            await next(context);
        });
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal),
            UriKind.Absolute, out var u) && u.IsLoopback;

    /// <summary>"a.example, *.b.example:8443" → host patterns (a port is not part of what is matched).</summary>
    public static IList<StringSegment> Parse(string? allowedHosts) =>
        (allowedHosts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => new StringSegment(StripPort(h)))
            .ToList();

    private static string StripPort(string host)
    {
        // "[::1]:8080" and "example.com:8080" keep only the host; a bare IPv6 address has more than one colon.
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? host[..(end + 1)] : host;
        }
        var colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(':', StringComparison.Ordinal) == colon ? host[..colon] : host;
    }
}
