using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Recut.Media;
using Recut.Protocol.Errors;
using Recut.Server.Configuration;
using Recut.Server.Uploads;

namespace Recut.Server.Endpoints;

/// <summary>
/// POST /api/v1/uploads: a multipart upload (field "file") that answers an oss://recut-uploads/… URL usable in a
/// create call by the same key only. The body is streamed to disk part by part, never buffered whole.
/// </summary>
public static class UploadEndpoint
{
    public const string Route = "/api/v1/uploads";
    public const string FieldName = "file";

    /// <summary>Boundaries and part headers on top of the largest file a request may carry.</summary>
    private const long FramingSlack = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync)
            .WithName("UploadMedia").WithTags("Uploads")
            .WithSummary("Upload a video or reference image; returns an oss:// URL for input.media[].url")
            .WithDescription("""
                multipart/form-data with one file in the field `file`. The type is sniffed from the bytes: MP4/MOV video
                (≤ 100 MB) or JPEG/PNG/BMP/WEBP image (≤ 20 MB); anything else is refused with `InvalidFile.Format`, a larger
                file with `InvalidFile.Size`. The answer's `data.url` (`oss://recut-uploads/<id>/<name>`) is accepted by the
                create calls of both dialects when they send `X-DashScope-OssResourceResolve: enable`, and only for the key
                that uploaded it. Uploads are deleted after the retention period (`data.expires_at`). Each key may upload a
                limited number of bytes per UTC day and hold a limited number of bytes in unexpired uploads; past either,
                `429 Throttling.StorageQuota`. A body slower than the minimum data rate ends in `408 RequestTimeout`.
                """)
            .Produces<UploadResponse>()
            .Produces<ErrorBody>(400).Produces<ErrorBody>(401).Produces<ErrorBody>(408).Produces<ErrorBody>(429);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, AuthenticatedCaller caller, UploadStore store, UploadQuota quota,
        IOptions<RecutOptions> options)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        var tenant = who!.TenantId;
        var maxRequest = store.MaxBytes + FramingSlack;
        if (context.Request.ContentLength > maxRequest)
        {
            return ApiResponses.Error(context, ErrorCodes.FileSize,
                $"The upload is {context.Request.ContentLength / (1024 * 1024)} MB; the limits are {store.LimitsText}.");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxRequest;
        }
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return NoFile(context);
        }
        using var allowance = await quota.OpenAsync(who, context.RequestAborted);
        try
        {
            // Reserved before a byte is read when the size is declared, so a request past the quota costs no upload;
            // a body without Content-Length is reserved chunk by chunk ahead of each write instead.
            if (context.Request.ContentLength is { } declared)
            {
                allowance.EnsureReserved(declared);
            }
            var upload = await BodyReadErrors.WithDeadlineAsync(context, TimeSpan.FromSeconds(Math.Max(1, options.Value.UploadTimeoutSeconds)),
                t => ReadFileAsync(boundary, context, store, tenant, allowance, t));
            if (upload is not null)
            {
                allowance.Commit(upload.Size);
                return ApiResponses.Json(new UploadResponse(RequestIds.Of(context), UploadData.From(upload)));
            }
        }
        catch (UploadQuotaExceededException e)
        {
            return ApiResponses.Error(context, ErrorCodes.StorageQuota, e.Message);
        }
        catch (MediaException e)
        {
            return ApiResponses.Error(context, e.Code, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiResponses.Error(context, ErrorCodes.FileSize,
                $"The upload is larger than the limits ({store.LimitsText}).");
        }
        catch (InvalidDataException)
        {
            // The reader's own text describes its internals (buffer limits, boundaries); the caller needs the shape.
            return ApiResponses.Error(context, ErrorCodes.InvalidParameter,
                $"The multipart body is malformed; send the file as multipart/form-data in a field named \"{FieldName}\".");
        }
        return NoFile(context);
    }

    /// <summary>The first file part named <see cref="FieldName"/>, stored; null when the body has none.</summary>
    private static async Task<StoredUpload?> ReadFileAsync(string boundary, HttpContext context, UploadStore store, string tenant,
        UploadQuota.Allowance allowance, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, context.Request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition()
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FieldName, StringComparison.Ordinal))
            {
                var fileName = disposition.FileNameStar.HasValue
                    ? disposition.FileNameStar.Value
                    : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                return await store.SaveAsync(tenant, fileName, section.Body, ct, allowance.EnsureReserved);
            }
        }
        return null;
    }

    private static IResult NoFile(HttpContext context) =>
        ApiResponses.Error(context, ErrorCodes.InvalidParameter,
            $"Send the file as multipart/form-data in a field named \"{FieldName}\".");
}
