namespace Recut.Media.Processes;

/// <summary>
/// How every file Recut hands to ffmpeg or ffprobe is named. Left to itself ffmpeg picks a demuxer by probing the
/// bytes, and a text file can probe as DASH, HLS, ffconcat, SDP or IMF and make ffmpeg open other files — another
/// tenant's result, anything the service can read. So each input gets the one demuxer its checked format allows, the
/// file protocol only, at most that one demuxer, and (for QuickTime) no external data references.
/// </summary>
public static class PinnedInput
{
    /// <summary>ffprobe's format_name for the QuickTime/MP4 demuxer, the only one a video may be read with.</summary>
    public const string MovFormatName = "mov,mp4,m4a,3gp,3g2,mj2";

    /// <summary>
    /// The demuxer for a format, named either as <see cref="MediaFormats"/> does (what the magic bytes said) or as
    /// ffprobe does (its format_name); anything else has no demuxer here and is refused.
    /// </summary>
    /// <exception cref="MediaException">InvalidFile.Format for a format no input may have.</exception>
    public static string DemuxerFor(string format) => format switch
    {
        MediaFormats.Mp4 or MediaFormats.Mov or MovFormatName => "mov",
        MediaFormats.Png or "png_pipe" => "png_pipe",
        MediaFormats.Jpeg or "jpeg_pipe" => "jpeg_pipe",
        MediaFormats.Webp or "webp_pipe" => "webp_pipe",
        MediaFormats.Bmp or "bmp_pipe" => "bmp_pipe",
        _ => throw new MediaException(MediaErrorCodes.FileFormat, MediaMessages.NoReader(format)),
    };

    /// <summary>ffprobe's format_name for what <paramref name="demuxer"/> reads (the mov demuxer has a long name).</summary>
    public static string FormatNameOf(string demuxer) => demuxer == "mov" ? MovFormatName : demuxer;

    /// <summary>The input options and the <c>-i</c> for one file, in the order ffmpeg and ffprobe both accept.</summary>
    public static IReadOnlyList<string> Arguments(string path, string format)
    {
        var demuxer = DemuxerFor(format);
        // QuickTime data references are off by default today; said explicitly so no future default turns them on.
        string[] noReferences = demuxer == "mov" ? ["-enable_drefs", "0", "-use_absolute_path", "0"] : [];
        return ["-f", demuxer, "-format_whitelist", demuxer, "-protocol_whitelist", "file", .. noReferences, "-i", FileUrl(path)];
    }

    /// <summary>"file:" keeps a name with a colon or a leading dash from being read as a protocol or an option.</summary>
    public static string FileUrl(string path) => "file:" + Path.GetFullPath(path);
}
