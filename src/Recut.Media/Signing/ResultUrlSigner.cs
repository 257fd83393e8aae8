using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Recut.Media.Signing;

/// <summary>
/// Signs result URLs so they work without an Authorization header yet cannot be forged or extended:
/// HMAC-SHA256 over "key\nexpiresUnixSeconds", URL-safe base64 without padding.
/// </summary>
public sealed class ResultUrlSigner
{
    private readonly byte[] _secret;

    public ResultUrlSigner(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 16)
        {
            throw new ArgumentException("the signing secret must be at least 16 bytes", nameof(secret));
        }
        _secret = (byte[])secret.Clone();
    }

    public string Sign(string key, DateTimeOffset expires) => Sign(key, expires.ToUnixTimeSeconds());

    public string Sign(string key, long expiresUnixSeconds) => Base64Url.EncodeToString(Mac(key, expiresUnixSeconds));

    /// <summary>
    /// Tampering is decided before expiry, so an attacker who edits the expiry sees "tampered", not
    /// "expired", and an honest expired link says so.
    /// </summary>
    public SignatureCheck Verify(string key, long expires, string signature, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Tampered;
        }
        var given = new byte[Base64Url.GetMaxDecodedLength(signature.Length)];
        if (Base64Url.DecodeFromChars(signature, given, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return SignatureCheck.Tampered;
        }
        var expected = Mac(key, expires);
        // FixedTimeEquals returns false for different lengths without leaking where bytes differ.
        if (!CryptographicOperations.FixedTimeEquals(expected, given.AsSpan(0, written)))
        {
            return SignatureCheck.Tampered;
        }
        return now.ToUnixTimeSeconds() > expires ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private byte[] Mac(string key, long expires)
    {
        ArgumentNullException.ThrowIfNull(key);
        var message = Encoding.UTF8.GetBytes(key + "\n" + expires.ToString(CultureInfo.InvariantCulture));
        return HMACSHA256.HashData(_secret, message);
    }
}
