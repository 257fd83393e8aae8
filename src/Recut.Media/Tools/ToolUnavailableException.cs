namespace Recut.Media.Tools;

/// <summary>ffmpeg or ffprobe cannot be used: not installed, failing, hanging, or lacking what Recut needs.</summary>
public sealed class ToolUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
