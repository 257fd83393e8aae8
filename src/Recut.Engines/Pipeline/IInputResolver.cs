using Recut.Media;

namespace Recut.Engines.Pipeline;

/// <summary>Brings one input named in a request (a media URL, or a local path on the CLI) to a file in the work folder.</summary>
public interface IInputResolver
{
    /// <summary>
    /// Makes <paramref name="source"/> available at <paramref name="destinationPath"/> and returns that path. Throws
    /// <see cref="MediaException"/> (InvalidURL.*, InvalidFile.*, InvalidParameter.DataInspection) when it cannot.
    /// </summary>
    Task<string> ResolveAsync(string source, MediaKind kind, string destinationPath, CancellationToken ct);
}
