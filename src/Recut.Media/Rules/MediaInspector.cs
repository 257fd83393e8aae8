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
        // Read with the demuxer of the format the bytes announced, never one ffprobe would pick by itself.
        var info = await _prober.ProbeAsync(path, format, ct).ConfigureAwait(false);
        MediaRules.CheckVideo(info, format, Limits);
        return info;
    }

    public Task<ImageHeader> InspectImageAsync(string path, CancellationToken ct) => InspectImageAsync(path, "reference image", ct);

    /// <param name="noun">How messages name the image: "reference image 2".</param>
    public async Task<ImageHeader> InspectImageAsync(string path, string noun, CancellationToken ct)
    {
        var header = await ImageHeaderReader.ReadAsync(path, noun, ct).ConfigureAwait(false);
        MediaRules.CheckImage(header, Limits, noun);
        return header;
    }
}
