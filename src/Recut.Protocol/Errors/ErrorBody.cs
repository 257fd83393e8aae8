namespace Recut.Protocol.Errors;

/// <summary>The body of every error answer, both dialects: <c>{"code", "message", "request_id"}</c> (API.md §2).</summary>
public sealed record ErrorBody(string Code, string Message, string RequestId)
{
    public static ErrorBody From(ApiError error, string requestId)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ErrorBody(error.Code, error.Message, requestId);
    }
}
