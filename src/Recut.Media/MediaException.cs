namespace Recut.Media;

/// <summary>
/// A media problem that ends a task FAILED. <see cref="Code"/> is an API error code string
/// (e.g. "InvalidFile.Duration"); the message states the measured value and the limit.
/// Media has no reference to Protocol, so codes are plain strings kept equal to ErrorCodes.
/// </summary>
public sealed class MediaException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
