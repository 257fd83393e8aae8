using System.Globalization;

namespace Recut.Media;

/// <summary>
/// The caller-facing messages of media failures that are not a measured limit (those are in Rules/MediaRules). They
/// speak of the caller's inputs ("the video", "reference image 2") and never carry a path, a decoder's words or an
/// exception's text: those go to the task log, where the operator reads them.
/// </summary>
public static class MediaMessages
{
    /// <summary>A format no input may have reached a reader: said as what the bytes are.</summary>
    public static string NoReader(string format) =>
        $"The file is {MediaFormats.Describe(format)}; videos must be MP4 or MOV and reference images JPEG, PNG, BMP or WEBP.";

    /// <summary>The file could not be read as the format its first bytes announced.</summary>
    public static string CannotRead(string format) => IsVideo(format)
        ? "The video could not be read as MP4/MOV: the file is damaged, incomplete or not a video."
        : $"The image could not be decoded as {Name(format)}: it is damaged or not an image.";

    public static string ReadTimedOut(string format, TimeSpan limit) => string.Create(CultureInfo.InvariantCulture,
        $"The {(IsVideo(format) ? "video" : "image")} could not be read within {limit.TotalSeconds:0} s.");

    /// <summary>A reference image that passed its header check but that the renderer's decoder refused.</summary>
    public static string ReferenceUndecodable(int number, string format) =>
        $"Reference image {number.ToString(CultureInfo.InvariantCulture)} could not be decoded as {Name(format)}: it is damaged or not an image.";

    /// <summary>A video that probed well but whose frames do not decode.</summary>
    public const string VideoUndecodable = "The video's frames could not be decoded: the file is damaged or uses an unsupported codec.";

    /// <summary>The format's name as people write it: "JPEG", "PNG", "MP4/MOV".</summary>
    public static string Name(string format) => format switch
    {
        MediaFormats.Mp4 or MediaFormats.Mov or "mov" or "mov,mp4,m4a,3gp,3g2,mj2" => "MP4/MOV",
        "png_pipe" => "PNG",
        "jpeg_pipe" => "JPEG",
        "webp_pipe" => "WEBP",
        "bmp_pipe" => "BMP",
        _ => format.ToUpperInvariant(),
    };

    private static bool IsVideo(string format) => Name(format) == "MP4/MOV";
}
