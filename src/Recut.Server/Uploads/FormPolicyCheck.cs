using Microsoft.AspNetCore.Http;
using Recut.Media.Signing;

namespace Recut.Server.Uploads;

/// <summary>
/// Decides whether the fields of an OSS-style form upload may store a file, in OSS's order: the fields are there,
/// the access key id is ours, the signature is ours for exactly this policy (before anything in the policy is
/// believed), the policy has not expired, and the key, ACL and overwrite fields meet its conditions.
/// </summary>
public static class FormPolicyCheck
{
    /// <summary>The one access key id Recut's policies name; the tenant is inside the signed policy.</summary>
    public const string AccessKeyId = "recut";

    public sealed record Refusal(int Status, string Code, string Message);

    /// <summary>An accepted form: the policy, the issued folder's id and the object name inside it.</summary>
    public sealed record Accepted(UploadPolicy Policy, string FolderId, string ObjectName, string Key);

    public static (Accepted? Accepted, Refusal? Refusal) Check(IReadOnlyDictionary<string, string> fields, UploadPolicySigner signer,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(signer);
        foreach (var required in new[] { "OSSAccessKeyId", "Signature", "policy", "key" })
        {
            if (!fields.TryGetValue(required, out var value) || value.Length == 0)
            {
                return Refuse(StatusCodes.Status400BadRequest, OssErrorCodes.InvalidArgument, $"The form field {required} must be supplied.");
            }
        }
        if (!string.Equals(fields["OSSAccessKeyId"], AccessKeyId, StringComparison.Ordinal))
        {
            return Refuse(StatusCodes.Status403Forbidden, OssErrorCodes.InvalidAccessKeyId, "The OSS Access Key Id you provided does not exist in our records.");
        }
        var policyText = fields["policy"];
        if (!signer.Verify(policyText, fields["Signature"]))
        {
            return Refuse(StatusCodes.Status403Forbidden, OssErrorCodes.AccessDenied,
                "The request signature we calculated does not match the signature you provided.");
        }
        if (UploadPolicy.TryDecode(policyText) is not { } policy || FolderIdOf(policy.KeyPrefix) is not { } folderId)
        {
            return Refuse(StatusCodes.Status400BadRequest, OssErrorCodes.InvalidPolicyDocument, "Invalid Policy: this policy was not issued for this upload route.");
        }
        if (now >= policy.Expiration)
        {
            return Refuse(StatusCodes.Status403Forbidden, OssErrorCodes.AccessDenied, "Invalid according to Policy: Policy expired.");
        }
        var key = fields["key"];
        if (!key.StartsWith(policy.KeyPrefix, StringComparison.Ordinal))
        {
            return ConditionFailed(policy.PrefixCondition);
        }
        if (!Matches(fields, "x-oss-object-acl", UploadPolicy.ObjectAcl))
        {
            return ConditionFailed($"{{\"x-oss-object-acl\": \"{UploadPolicy.ObjectAcl}\"}}");
        }
        if (!Matches(fields, "x-oss-forbid-overwrite", UploadPolicy.ForbidOverwrite))
        {
            return ConditionFailed($"{{\"x-oss-forbid-overwrite\": \"{UploadPolicy.ForbidOverwrite}\"}}");
        }
        var name = key[policy.KeyPrefix.Length..];
        if (!UploadStore.IsObjectName(name))
        {
            return Refuse(StatusCodes.Status400BadRequest, OssErrorCodes.InvalidObjectName,
                "The object name must be one file name after the upload_dir: no '/', '\\', '?', '#', '%' or control characters, at most 200 characters.");
        }
        return (new Accepted(policy, folderId, name, key), null);
    }

    /// <summary>"recut-uploads/&lt;32 hex&gt;/" → the hex; anything else is no folder of ours.</summary>
    private static string? FolderIdOf(string prefix)
    {
        var start = UploadStore.Bucket + "/";
        if (!prefix.StartsWith(start, StringComparison.Ordinal) || !prefix.EndsWith('/'))
        {
            return null;
        }
        var id = prefix[start.Length..^1];
        return id.Length == 32 && id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    private static bool Matches(IReadOnlyDictionary<string, string> fields, string name, string expected) =>
        fields.TryGetValue(name, out var value) && string.Equals(value, expected, StringComparison.Ordinal);

    private static (Accepted?, Refusal?) ConditionFailed(string condition) =>
        Refuse(StatusCodes.Status403Forbidden, OssErrorCodes.AccessDenied, $"Invalid according to Policy: Policy Condition failed: {condition}");

    private static (Accepted?, Refusal?) Refuse(int status, string code, string message) => (null, new Refusal(status, code, message));
}
