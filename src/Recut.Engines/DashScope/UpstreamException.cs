namespace Recut.Engines.DashScope;

/// <summary>
/// The upstream answered with an error body {code, message, request_id}, did not answer in time, or dropped the
/// connection. <see cref="HttpStatus"/> is 0 when no answer arrived at all.
/// </summary>
public sealed class UpstreamException : Exception
{
    public UpstreamException(int httpStatus, string code, string message, string? requestId, TimeSpan? retryAfter = null, Exception? inner = null)
        : base($"[{code}] {message}", inner)
    {
        HttpStatus = httpStatus;
        Code = code;
        UpstreamMessage = message;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    public int HttpStatus { get; }
    public string Code { get; }
    public string UpstreamMessage { get; }
    public string? RequestId { get; }
    public TimeSpan? RetryAfter { get; }

    /// <summary>No answer: the request may or may not have been processed.</summary>
    public bool NoAnswer => HttpStatus == 0;

    /// <summary>Worth trying again later: throttling, server errors, timeouts, dropped connections.</summary>
    public bool IsTransient => NoAnswer || HttpStatus == 429 || HttpStatus >= 500;

    /// <summary>A create that ended like this may still have created a task upstream (throttling never does).</summary>
    public bool MayHaveCreated => NoAnswer || HttpStatus >= 500;

    /// <summary>The key, not the request, is the problem: another key may succeed.</summary>
    public bool IsKeyProblem => HttpStatus == 401 || Code is "InvalidApiKey" or "Arrearage" or "AccessDenied.Unpurchased";

    public static UpstreamException Timeout(string what, TimeSpan limit) =>
        new(0, "RequestTimeout", $"{what} got no answer within {limit.TotalSeconds:0.#} s.", null);

    public static UpstreamException Dropped(string what, Exception inner) =>
        new(0, "ConnectionError", $"{what} failed: {inner.Message}", null, null, inner);
}
