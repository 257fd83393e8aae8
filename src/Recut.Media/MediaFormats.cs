namespace Recut.Media;

/// <summary>Names of the file types <see cref="Probing.MagicBytes"/> recognises; the media rules allow a few of them.</summary>
public static class MediaFormats
{
    public const string Mp4 = "mp4";
    public const string Mov = "mov";
    public const string Png = "png";
    public const string Jpeg = "jpeg";
    public const string Bmp = "bmp";
    public const string Webp = "webp";
    public const string Gif = "gif";
    public const string Heif = "heif";
    public const string Avif = "avif";
    public const string ThreeGp = "3gp";
    public const string Matroska = "mkv/webm";
    public const string Avi = "avi";
    public const string Wav = "wav";
    public const string Html = "html";
    public const string Xml = "xml";
    public const string Json = "json";
    public const string Text = "text";
    public const string Empty = "empty";
    public const string Unknown = "unknown";

    /// <summary>How a message names a detected type ("an HTML page", "a PNG image").</summary>
    public static string Describe(string format) => format switch
    {
        Mp4 => "an MP4 video",
        Mov => "a QuickTime MOV video",
        Png => "a PNG image",
        Jpeg => "a JPEG image",
        Bmp => "a BMP image",
        Webp => "a WEBP image",
        Gif => "a GIF image",
        Heif => "a HEIF/HEIC image",
        Avif => "an AVIF image",
        ThreeGp => "a 3GP video",
        Matroska => "a Matroska/WebM file",
        Avi => "an AVI file",
        Wav => "a WAV audio file",
        Html => "an HTML page (the URL may point to a web page rather than the file itself)",
        Xml => "an XML document (often a storage service's error response)",
        Json => "a JSON document (often an API error response)",
        Text => "a text file",
        Empty => "an empty file",
        _ => "a file of unknown type",
    };
}
