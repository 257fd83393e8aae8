namespace Recut.Server.Uploads;

/// <summary>Answer of GET /api/v1/uploads?action=getPolicy: DashScope's envelope, which its SDKs read as <c>data</c>.</summary>
public sealed record UploadPolicyResponse(string RequestId, UploadPolicyData Data);

/// <summary>
/// The upload credential, field for field as DashScope answers it. A client posts a form to <see cref="UploadHost"/> with
/// key = <see cref="UploadDir"/>/&lt;file name&gt; and then names the file <c>oss://&lt;key&gt;</c>.
/// </summary>
public sealed record UploadPolicyData(
    string Policy,
    string Signature,
    string UploadDir,
    string UploadHost,
    int ExpireInSeconds,
    int MaxFileSizeMb,
    int CapacityLimitMb,
    string OssAccessKeyId,
    string XOssObjectAcl,
    string XOssForbidOverwrite);
