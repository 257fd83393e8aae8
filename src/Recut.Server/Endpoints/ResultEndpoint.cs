using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Recut.Media.Signing;
using Recut.Media.Storage;
using Recut.Protocol.Errors;
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
        app.MapMethods(ResultLinks.RoutePrefix + "{**key}", [HttpMethods.Get, HttpMethods.Head], Serve)
            .WithName("GetResult").WithTags("Results")
            .WithSummary("Download a result video through its signed, expiring URL (no Authorization header)")
            .Produces(200, contentType: "video/mp4").Produces(206).Produces<ErrorBody>(403).Produces<ErrorBody>(404);
    }

    private static IResult Serve(string key, HttpContext context, ResultUrlSigner signer, IResultStore store, TimeProvider time)
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
        var path = store.TryGetLocalPath(key);
        if (path is null)
        {
            return ApiResponses.Error(context, ErrorCodes.NotFound, "The result no longer exists (retention period over).");
        }
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return Microsoft.AspNetCore.Http.Results.File(path, "video/mp4", Path.GetFileName(path), enableRangeProcessing: true);
    }
}
