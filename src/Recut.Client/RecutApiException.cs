namespace Recut.Client;

/// <summary>The server answered with an error body {code, message, request_id}, or a task ended FAILED.</summary>
public sealed class RecutApiException(int httpStatus, string code, string message, string? requestId)
    : Exception($"[{code}] {message}")
{
    public int HttpStatus { get; } = httpStatus;
    public string Code { get; } = code;
    public string ApiMessage { get; } = message;
    public string? RequestId { get; } = requestId;

    /// <summary>Worth retrying later: throttling, server errors.</summary>
    public bool IsTransient => HttpStatus is 429 or >= 500;
}
