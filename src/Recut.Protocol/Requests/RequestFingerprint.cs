using System.Security.Cryptography;
using Recut.Protocol.Json;

namespace Recut.Protocol.Requests;

/// <summary>
/// A stable digest of a validated request, for the Idempotency-Key rule (API.md §2): the same key with the same
/// fingerprint returns the stored task, with a different one it is an error. Hashing the validated request rather
/// than the raw bytes means formatting, key order, unknown keys and spelled-out defaults do not count as changes.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>Lower-case hex SHA-256 of the request's protocol JSON (every member, declaration order).</summary>
    public static string Compute(EditRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var canonical = ProtocolJson.SerializeToUtf8Bytes(request);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }
}
