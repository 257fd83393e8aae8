using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Recut.Protocol.Errors;
using Recut.Protocol.Json;

namespace Recut.Server.Endpoints;

/// <summary>Writes wire bodies with the protocol's JSON options; every error is {code, message, request_id}.</summary>
public static class ApiResponses
{
    public static IResult Json<T>(T body, int status = StatusCodes.Status200OK) =>
        Results.Json(body, ProtocolJson.Options, statusCode: status);

    public static IResult Error(HttpContext context, ApiError error) =>
        Results.Json(new ErrorBody(error.Code, error.Message, RequestIds.Of(context)), ProtocolJson.Options, statusCode: error.HttpStatus);

    public static IResult Error(HttpContext context, string code, string message) =>
        Error(context, new ApiError(code, message));

    /// <summary>For middleware that writes before any endpoint runs.</summary>
    public static async Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = error.HttpStatus;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body,
            new ErrorBody(error.Code, error.Message, RequestIds.Of(context)), ProtocolJson.Options, context.RequestAborted);
    }
}
