using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Recut.Media.Storage;

namespace Recut.Server.Endpoints;

/// <summary>
/// Writes an opened result: 200 with the whole object, 206 with one range (Content-Range), 416 for a range outside it,
/// headers only for HEAD. The same for every store, so a folder and a bucket answer alike (API.md §6: browsers seek).
/// </summary>
internal sealed class ResultDownload(ResultContent content, string fileName) : IResult
{
    /// <summary>
    /// The one byte range asked for, or null for the whole object. Several ranges, other units or a malformed header
    /// get the whole object, which HTTP allows; so does an If-Range that no longer matches (checked by the caller).
    /// </summary>
    public static ByteRangeRequest? RangeOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var header)
            || !string.Equals(header.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || header.Ranges.Count != 1)
        {
            return null;
        }
        var range = header.Ranges.First();
        return range.From is null && range.To is null ? null : new ByteRangeRequest(range.From, range.To);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        await using (content)
        {
            var response = httpContext.Response;
            response.Headers.AcceptRanges = "bytes";
            if (content.ETag is { } etag)
            {
                response.Headers.ETag = etag;
            }
            if (content.LastModified is { } modified && modified > DateTimeOffset.MinValue)
            {
                response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
            }
            if (content.RangeNotSatisfiable)
            {
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{content.TotalLength}";
                response.ContentLength = 0;
                return;
            }
            response.StatusCode = content.Range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;
            if (content.Range is { } span)
            {
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {span.Start}-{span.End}/{content.TotalLength}");
            }
            response.ContentType = content.ContentType;
            response.ContentLength = content.BodyLength;
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            if (HttpMethods.IsHead(httpContext.Request.Method))
            {
                return;
            }
            await CopyAsync(content.Body, response.Body, content.BodyLength, httpContext.RequestAborted);
        }
    }

    /// <summary>Exactly <paramref name="length"/> bytes: a local file's stream runs on past a range's end.</summary>
    private static async Task CopyAsync(Stream source, Stream target, long length, CancellationToken ct)
    {
        var buffer = new byte[81920];
        var left = length;
        while (left > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
            if (read == 0)
            {
                throw new IOException($"the stored result ended {left} bytes early");
            }
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            left -= read;
        }
    }
}
