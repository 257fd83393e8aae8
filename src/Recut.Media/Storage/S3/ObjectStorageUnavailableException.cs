namespace Recut.Media.Storage.S3;

/// <summary>The bucket cannot be used as configured: missing, credentials refused, unreachable, or not speaking S3 as expected.</summary>
public sealed class ObjectStorageUnavailableException(string message, Exception? inner) : Exception(message, inner);
