namespace Recut.Protocol.Errors;

/// <summary>Maps an error code to its HTTP status (API.md §7); sub-codes follow their family.</summary>
public static class ErrorStatus
{
    public static int For(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code switch
        {
            ErrorCodes.InvalidApiKey => 401,
            ErrorCodes.AccessDenied or ErrorCodes.SignatureDoesNotMatch => 403,
            ErrorCodes.ModelNotFound or ErrorCodes.TaskNotFound or ErrorCodes.NotFound => 404,
            ErrorCodes.RequestTimeout => 408,
            _ when code.StartsWith("Throttling", StringComparison.Ordinal) => 429,
            _ when code.StartsWith("InternalError", StringComparison.Ordinal) => 500,
            ErrorCodes.ModelUnavailable => 503,
            _ => 400,
        };
    }
}
