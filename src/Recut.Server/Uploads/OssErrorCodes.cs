namespace Recut.Server.Uploads;

/// <summary>
/// Codes of the OSS-style form upload's XML errors, spelt as OSS spells them (clients that speak to an OSS bucket
/// know them). Refusals that are the same as on POST /api/v1/uploads use the API's own codes (ErrorCodes).
/// </summary>
public static class OssErrorCodes
{
    public const string AccessDenied = "AccessDenied";
    public const string InvalidArgument = "InvalidArgument";
    public const string InvalidAccessKeyId = "InvalidAccessKeyId";
    public const string InvalidPolicyDocument = "InvalidPolicyDocument";
    public const string InvalidObjectName = "InvalidObjectName";
    public const string FileAlreadyExists = "FileAlreadyExists";
    public const string EntityTooLarge = "EntityTooLarge";
    public const string MalformedPostRequest = "MalformedPOSTRequest";
}
