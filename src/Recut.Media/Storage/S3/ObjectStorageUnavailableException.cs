namespace Recut.Media.Storage.S3;

/// <summary>
/// The bucket cannot be used as configured: missing, credentials refused, unreachable, or not speaking S3 as expected.
/// <see cref="Exception.Message"/> names the bucket and endpoint (for the operator: start-up, the log);
/// <see cref="Reason"/> names neither (for anonymous readiness answers).
/// </summary>
public sealed class ObjectStorageUnavailableException(string message, Exception? inner, string reason = "the bucket cannot be used",
    bool transient = false)
    : Exception(message, inner)
{
    public string Reason { get; } = reason;

    /// <summary>The store answered with a server error (5xx, "please try again"), not a sign the settings are wrong.</summary>
    public bool Transient { get; } = transient;
}
