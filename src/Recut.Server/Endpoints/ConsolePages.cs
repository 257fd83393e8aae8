using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Recut.Server.Endpoints;

/// <summary>
/// The web console: static files from wwwroot/console (copied beside the server's assembly), served at /console/,
/// with "/" redirecting there. No build step: plain HTML, CSS and JavaScript modules.
/// </summary>
public static class ConsolePages
{
    public const string Path = "/console";

    /// <summary>
    /// The console talks only to this origin; media may come from anywhere the user points it at (a source URL),
    /// from blob: (a file picked from disk) or from the signed result links.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        + "media-src 'self' blob: http: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // /console → /console/ (DefaultFiles redirects to add the slash), then index.html.
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "" });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = c =>
            {
                // Always revalidate: a console from an older server version must not linger in a browser cache.
                c.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
                c.Context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                if (c.File.Name.EndsWith(".html", StringComparison.Ordinal))
                {
                    c.Context.Response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                    c.Context.Response.Headers["Referrer-Policy"] = "no-referrer";
                }
            },
        });
        app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Redirect(Path + "/")).ExcludeFromDescription();
    }
}
