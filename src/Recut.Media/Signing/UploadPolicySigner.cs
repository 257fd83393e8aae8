using System.Security.Cryptography;
using System.Text;

namespace Recut.Media.Signing;

/// <summary>
/// Signs the base64 upload policies Recut hands out for its OSS-style form upload, the way OSS signs a PostObject
/// policy: a MAC over the policy's base64 text, base64 again. The MAC key is derived from the server secret under its
/// own label, so a policy signature can never be replayed as a result-URL signature or the other way round.
/// </summary>
public sealed class UploadPolicySigner
{
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("recut upload policy v1");
    private readonly byte[] _key;

    public UploadPolicySigner(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 16)
        {
            throw new ArgumentException("the signing secret must be at least 16 bytes", nameof(secret));
        }
        _key = HMACSHA256.HashData(secret, Label);
    }

    public string Sign(string policyBase64)
    {
        ArgumentNullException.ThrowIfNull(policyBase64);
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(policyBase64)));
    }

    /// <summary>True only for the signature this server made for exactly this policy text (compared in fixed time).</summary>
    public bool Verify(string policyBase64, string? signature)
    {
        ArgumentNullException.ThrowIfNull(policyBase64);
        if (string.IsNullOrEmpty(signature) || signature.Length > 128)
        {
            return false;
        }
        var given = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, given, out var written))
        {
            return false;
        }
        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(policyBase64));
        return CryptographicOperations.FixedTimeEquals(expected, given.AsSpan(0, written));
    }
}
