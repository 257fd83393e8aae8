using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Recut.Protocol.Errors;
using Recut.Protocol.Json;

namespace Recut.Server.Endpoints;

/// <summary>
/// Turns a request body that could not be read into a catalogued JSON error instead of a 500: Kestrel's minimum
/// data rate (a body dripping slower than <c>MinBodyBytesPerSecond</c>) and a route's own body deadline become
/// 408 RequestTimeout, a truncated or malformed body 400. Sits inside the exception handler, before the routes.
/// </summary>
public static class BodyReadErrors
{
    /// <summary>Thrown by a route whose own deadline for reading the body passed (the client is still connected).</summary>
    public sealed class BodyDeadlineException() : Exception(ErrorMessages.BodyTooSlow);

    public static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => new ApiError(ErrorCodes.RequestTimeout, ErrorMessages.BodyTooSlow),
                StatusCodes.Status413PayloadTooLarge => new ApiError(ErrorCodes.InvalidParameter, "The request body is larger than this route accepts."),
                _ => new ApiError(ErrorCodes.IllegalInput, "The request body could not be read: it was cut short or malformed."),
            });
        }
        catch (BodyDeadlineException) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, new ApiError(ErrorCodes.RequestTimeout, ErrorMessages.BodyTooSlow));
        }
    }

    /// <summary>
    /// Reading the body under <paramref name="limit"/> on top of the request's own abort token; when the limit (not the
    /// client) ends the read, a <see cref="BodyDeadlineException"/> says so.
    /// </summary>
    public static async Task<T> WithDeadlineAsync<T>(HttpContext context, TimeSpan limit, Func<CancellationToken, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(limit);
        try
        {
            return await read(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            throw new BodyDeadlineException();
        }
    }

    private static async Task WriteAsync(HttpContext context, ApiError error)
    {
        context.Response.Clear();
        // The connection is closed after this answer: the rest of a slow body is not worth waiting for.
        context.Response.Headers.Connection = "close";
        context.Response.StatusCode = error.HttpStatus;
        context.Response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(ErrorBody.From(error, RequestIds.Of(context)), ProtocolJson.Options);
        context.Response.ContentLength = body.Length;
        // Not the request's token: a timed-out body may have aborted it, and the answer is a few bytes.
        await context.Response.Body.WriteAsync(body, CancellationToken.None);
    }
}
