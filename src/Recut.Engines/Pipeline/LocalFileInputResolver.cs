using Recut.Media;
using Recut.Media.Rules;

namespace Recut.Engines.Pipeline;

/// <summary>
/// Resolves local file paths (the CLI's <c>recut edit IN.mp4 --ref REF.png</c>) by copying them into the work folder,
/// so the engine never touches the user's files and every path it hands ffmpeg is one it chose. The size limits of
/// API.md §4 are checked before copying.
/// </summary>
public sealed class LocalFileInputResolver(MediaLimits? limits = null) : IInputResolver
{
    private readonly MediaLimits _limits = limits ?? MediaLimits.Default;

    public async Task<string> ResolveAsync(string source, MediaKind kind, string destinationPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : source;
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new MediaException(MediaErrorCodes.DataInspection, $"The input file {Path.GetFileName(path)} does not exist.");
        }
        var max = _limits.MaxBytes(kind);
        if (file.Length > max)
        {
            throw new MediaException(MediaErrorCodes.FileSize,
                $"The {(kind == MediaKind.Video ? "video" : "reference image")} is {MediaRules.DescribeBytes(file.Length)}; the limit is {MediaRules.DescribeLimit(max)}.");
        }
        var input = file.OpenRead();
        await using (input.ConfigureAwait(false))
        {
            var target = new FileStream(destinationPath, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                await input.CopyToAsync(target, ct).ConfigureAwait(false);
            }
        }
        return destinationPath;
    }
}
