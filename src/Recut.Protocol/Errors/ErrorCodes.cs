namespace Recut.Protocol.Errors;

/// <summary>Every error code Recut answers with (API.md §7). Codes are wire strings: never rename one.</summary>
public static class ErrorCodes
{
    public const string InvalidParameter = "InvalidParameter";
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
    public const string EmptyInput = "BadRequest.EmptyInput";
    public const string EmptyParameters = "BadRequest.EmptyParameters";
    public const string EmptyModel = "BadRequest.EmptyModel";
    public const string IllegalInput = "BadRequest.IllegalInput";
    public const string UnsupportedOperation = "UnsupportedOperation";
    public const string DataInspectionFailed = "DataInspectionFailed";
    public const string InvalidApiKey = "InvalidApiKey";
    public const string AccessDenied = "AccessDenied";
    public const string SignatureDoesNotMatch = "SignatureDoesNotMatch";
    public const string ModelNotFound = "ModelNotFound";
    public const string TaskNotFound = "TaskNotFound";
    /// <summary>(Recut) No such route, or a result file whose retention is over.</summary>
    public const string NotFound = "NotFound";
    public const string Throttling = "Throttling";
    public const string RateQuota = "Throttling.RateQuota";
    /// <summary>A key's daily task quota is used up (DashScope's code for an exhausted allocation).</summary>
    public const string AllocationQuota = "Throttling.AllocationQuota";
    /// <summary>(Recut) A key's upload storage quota (bytes per UTC day, or bytes held at once) is used up.</summary>
    public const string StorageQuota = "Throttling.StorageQuota";
    /// <summary>(Recut) The request body arrived too slowly, or not completely within the time allowed: HTTP 408.</summary>
    public const string RequestTimeout = "RequestTimeout";
    public const string InternalError = "InternalError";
    public const string AlgoError = "InternalError.Algo";
    public const string Timeout = "InternalError.Timeout";
    public const string ModelUnavailable = "ModelUnavailable";
    /// <summary>(Recut) The instruction asks for an edit the engine cannot perform.</summary>
    public const string UnsupportedEdit = "UnsupportedEdit";
    /// <summary>(Recut) A person-dependent edit found no person in the clip.</summary>
    public const string NoPersonFound = "UnsupportedEdit.NoPerson";
    /// <summary>(Recut) Stabilising was asked for, but the clip measured steady: nothing would change.</summary>
    public const string NothingToStabilise = "UnsupportedEdit.NothingToStabilise";

    /// <summary>A face edit ("blur the faces") on a clip in which no face was found.</summary>
    public const string NoFaceFound = "UnsupportedEdit.NoFace";
}
