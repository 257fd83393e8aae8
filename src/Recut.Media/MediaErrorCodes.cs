namespace Recut.Media;

/// <summary>
/// The API error codes media problems end in. Media does not reference Protocol, so these strings are
/// kept equal to Recut.Protocol.Errors.ErrorCodes (wire strings: never rename one).
/// </summary>
public static class MediaErrorCodes
{
    public const string DataInspection = "InvalidParameter.DataInspection";
    public const string InvalidUrl = "InvalidURL";
    public const string UrlConnectionRefused = "InvalidURL.ConnectionRefused";
    public const string UrlTimeout = "InvalidURL.Timeout";
    public const string FileDuration = "InvalidFile.Duration";
    public const string FileResolution = "InvalidFile.Resolution";
    public const string FileAspectRatio = "InvalidFile.AspectRatio";
    public const string FileSize = "InvalidFile.Size";
    public const string FileFormat = "InvalidFile.Format";
    public const string FileOpenError = "InvalidFile.Openerror";
}
