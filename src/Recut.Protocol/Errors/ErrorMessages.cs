namespace Recut.Protocol.Errors;

/// <summary>
/// Fixed messages the contract states word for word (API.md §2, §6). Clients and tests match on some of these,
/// so they are constants: change one only together with API.md.
/// </summary>
public static class ErrorMessages
{
    /// <summary>403 AccessDenied: the create request lacks <c>X-DashScope-Async: enable</c>.</summary>
    public const string SynchronousNotSupported = "current user api does not support synchronous calls.";

    /// <summary>401 InvalidApiKey: no Authorization header or an empty bearer token.</summary>
    public const string NoApiKey = "No API-key provided.";

    /// <summary>401 InvalidApiKey: a key that no tenant owns.</summary>
    public const string InvalidApiKey = "Invalid API-key provided.";

    /// <summary>400 UnsupportedOperation: cancel of a task that is not PENDING (upstream's exact text).</summary>
    public const string CancelNotPending = "Failed to cancel the task, please confirm if the task is in PENDING status.";

    /// <summary>403 AccessDenied: a signed result URL past its expiry.</summary>
    public const string RequestExpired = "Request has expired.";

    /// <summary>403 SignatureDoesNotMatch: a result URL whose signature does not verify.</summary>
    public const string SignatureDoesNotMatch = "The request signature we calculated does not match the signature you provided.";

    /// <summary>404 ModelNotFound; near misses get <see cref="ModelNotExistDidYouMean"/> instead.</summary>
    public const string ModelNotExist = "Model not exist.";

    /// <summary>404 TaskNotFound on the APIYI query route (unknown, expired or foreign id alike).</summary>
    public const string TaskNotFound = "Task not found.";

    /// <summary>400 BadRequest.EmptyModel.</summary>
    public const string EmptyModel = "Required parameter 'model' is missing or empty.";

    /// <summary>400 BadRequest.EmptyInput.</summary>
    public const string EmptyInput = "Required parameter 'input' is missing or is not a JSON object.";

    /// <summary>400 InvalidParameter: an <c>oss://</c> media url without <c>X-DashScope-OssResourceResolve: enable</c>.</summary>
    public const string OssResolveRequired =
        "Media urls with the oss:// scheme require the header 'X-DashScope-OssResourceResolve: enable'.";

    /// <summary>400 InvalidParameter: an Idempotency-Key reused with a different body within its lifetime.</summary>
    public const string IdempotencyKeyReused =
        "Idempotency-Key was already used with a different request body; use a new key for a new request.";

    /// <summary>429 Throttling.RateQuota: too many task submissions per second for this key.</summary>
    public const string SubmitThrottled = "Requests rate limit exceeded, please try again later.";

    /// <summary>429 Throttling.RateQuota: too many task queries per second for this key.</summary>
    public const string QueryThrottled = "Too many task queries, please lower the polling rate and try again later.";

    public static string EventStreamsExhausted(int max) =>
        $"This API key already has {max} task event streams open; close one, or poll GET /api/v1/tasks/{{task_id}}.";

    /// <summary>429 Throttling: the waiting queue is full.</summary>
    public const string QueueFull = "Too many tasks are waiting for this API key, please try again later.";

    /// <summary>429 Throttling: the server's queue (all keys together) is full.</summary>
    public const string ServerQueueFull = "Too many tasks are waiting on this service, please try again later.";

    /// <summary>408 RequestTimeout: the body came slower than the minimum data rate, or not within the time allowed.</summary>
    public const string BodyTooSlow =
        "The request body arrived too slowly or did not finish in time; send it again over a faster connection.";

    /// <summary>429 Throttling.StorageQuota: uploading the file would pass the key's bytes-per-day allowance.</summary>
    public static string UploadDailyQuota(long limitBytes) =>
        $"The daily upload quota of this API key ({Megabytes(limitBytes)} MB per UTC day) would be exceeded; it resets at 00:00 UTC.";

    /// <summary>429 Throttling.StorageQuota: the key's unexpired uploads together would pass its bytes-held allowance.</summary>
    public static string UploadHeldQuota(long limitBytes) =>
        $"The upload storage quota of this API key ({Megabytes(limitBytes)} MB held at once) would be exceeded; "
        + "uploads count until they expire.";

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>500 InternalError: details go to the log, never to the client.</summary>
    public const string InternalError = "An internal error has occurred, please try again later or contact service support.";

    /// <summary>500-class task failure InternalError.Algo: the inputs decode, yet the render failed (a fault of Recut).</summary>
    public const string RenderFailed =
        "The edit could not be rendered although every input could be read; this is a fault of the service. Please try again later or contact support.";

    /// <summary>Task failure InternalError.Timeout: a render step ran past its time limit.</summary>
    public const string RenderTimedOut = "Video processing took too long and was stopped.";

    /// <summary>Task failure InternalError: anything unforeseen; the operator's log has the details under the task id.</summary>
    public const string EditFailed = "An internal error occurred while running the edit. Please try again later or contact support.";

    /// <summary>400 BadRequest.IllegalInput: the body does not parse as JSON (where it broke, never the parser's text).</summary>
    public static string InvalidJson(long line, long bytePosition) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The request body is not valid JSON (line {line + 1}, byte {bytePosition + 1}).");

    /// <summary>The message of a ModelNotFound whose model id is a near miss of the one Recut serves.</summary>
    public static string ModelNotExistDidYouMean(string modelId) => $"{ModelNotExist} Did you mean '{modelId}'?";
}
