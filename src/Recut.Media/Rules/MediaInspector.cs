using Recut.Media.Probing;

namespace Recut.Media.Rules;

/// <summary>
/// The whole input check for one fetched file, in the cheap-first order: magic bytes, then ffprobe (video)
/// or the image header, then the §4 rules. Throws <see cref="MediaException"/> on the first violation.
/// </summary>
public sealed class MediaInspector(FfprobeReader? prober = null, MediaLimits? limits = null)
{
    private readonly FfprobeReader _prober = prober ?? new FfprobeReader();

    public MediaLimits Limits { get; } = limits ?? MediaLimits.Default;

    public async Task<MediaInfo> InspectVideoAsync(string path, CancellationToken ct)
    {
        var format = await MagicBytes.DetectFileAsync(path, ct).ConfigureAwait(false);
        MediaRules.CheckVideoFormat(format, Limits);
        var info = await _prober.ProbeAsync(path, ct).ConfigureAwait(false);
        MediaRules.CheckVideo(info, format, Limits);
        return info;
    }

    public async Task<ImageHeader> InspectImageAsync(string path, CancellationToken ct)
    {
        var header = await ImageHeaderReader.ReadAsync(path, ct).ConfigureAwait(false);
        MediaRules.CheckImage(header, Limits);
        return header;
    }
}
