using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Recut.Media.Signing;
using Recut.Media.Storage;
using Microsoft.Extensions.Options;
using Recut.Protocol.Errors;
using Recut.Server.Configuration;
using Recut.Server.Signing;

namespace Recut.Server.Endpoints;

/// <summary>
/// The result mp4 behind video_url/result_url: no key, a signature and an expiry instead; GET and HEAD with
/// byte ranges so browsers can seek (API.md §6).
/// </summary>
public static class ResultEndpoint
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(ResultLinks.RoutePrefix + "{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .WithName("GetResult").WithTags("Results")
            .WithSummary("Download a result video through its signed, expiring URL (no Authorization header)")
            .Produces(200, contentType: "video/mp4").Produces(206).Produces(302).Produces(416).Produces<ErrorBody>(403).Produces<ErrorBody>(404);
    }

    private static async Task<IResult> ServeAsync(string key, HttpContext context, ResultUrlSigner signer, IResultStore store,
        IOptions<RecutOptions> options, TimeProvider time)
    {
        var expiresText = context.Request.Query["Expires"].ToString();
        var signature = context.Request.Query["Signature"].ToString();
        if (!long.TryParse(expiresText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires) || signature.Length == 0)
        {
            return ApiResponses.Error(context, ErrorCodes.SignatureDoesNotMatch, ErrorMessages.SignatureDoesNotMatch);
        }
        switch (signer.Verify(key, expires, signature, time.GetUtcNow()))
        {
            case SignatureCheck.Tampered:
                return ApiResponses.Error(context, ErrorCodes.SignatureDoesNotMatch, ErrorMessages.SignatureDoesNotMatch);
            case SignatureCheck.Expired:
                return ApiResponses.Error(context, ErrorCodes.AccessDenied, ErrorMessages.RequestExpired);
        }
        if (options.Value.S3.Redirect
            && await store.DirectDownloadUrlAsync(key, DateTimeOffset.FromUnixTimeSeconds(expires), context.RequestAborted) is { } direct)
        {
            // The bucket serves the bytes; its presigned URL dies when this signed one does (API.md: 24 h from the query).
            return Microsoft.AspNetCore.Http.Results.Redirect(direct.AbsoluteUri);
        }
        var content = await store.OpenAsync(key, ResultDownload.RangeOf(context.Request), context.RequestAborted);
        if (content is null)
        {
            return ApiResponses.Error(context, ErrorCodes.NotFound, "The result no longer exists (retention period over).");
        }
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return new ResultDownload(content, key.Split('/')[^1]);
    }
}
