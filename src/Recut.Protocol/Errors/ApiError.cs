namespace Recut.Protocol.Errors;

/// <summary>A protocol-level error: a code from <see cref="ErrorCodes"/> and a human message.</summary>
public sealed record ApiError(string Code, string Message)
{
    public int HttpStatus => ErrorStatus.For(Code);
}

/// <summary>Thrown where an <see cref="ApiError"/> must cross layers (validation, engines, workers).</summary>
public sealed class ApiErrorException(ApiError error) : Exception(error.Message)
{
    public ApiErrorException(string code, string message) : this(new ApiError(code, message)) { }

    public ApiError Error { get; } = error;
}
