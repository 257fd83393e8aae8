using System.Security.Cryptography;
using Recut.Media.Signing;

namespace Recut.Media.Tests.Signing;

public sealed class ResultUrlSignerTests
{
    private const string Key = "2026-04-03/6f1c2d3e-0000-4000-8000-000000000001.mp4";
    private static readonly DateTimeOffset Now = new(2026, 4, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = Now.AddHours(24);
    private readonly ResultUrlSigner _signer = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_fresh_signature_is_valid_and_url_safe()
    {
        var sig = _signer.Sign(Key, Expires);

        Assert.Equal(SignatureCheck.Valid, _signer.Verify(Key, Expires.ToUnixTimeSeconds(), sig, Now));
        Assert.Equal(43, sig.Length); // 32 bytes, base64url without padding
        Assert.DoesNotContain('+', sig);
        Assert.DoesNotContain('/', sig);
        Assert.DoesNotContain('=', sig);
        Assert.Equal(sig, Uri.EscapeDataString(sig));
    }

    [Fact]
    public void Valid_up_to_and_including_the_expiry_second_then_expired()
    {
        var sig = _signer.Sign(Key, Expires);
        var exp = Expires.ToUnixTimeSeconds();
        Assert.Equal(SignatureCheck.Valid, _signer.Verify(Key, exp, sig, Expires));
        Assert.Equal(SignatureCheck.Expired, _signer.Verify(Key, exp, sig, Expires.AddSeconds(1)));
    }

    [Fact]
    public void Changing_the_key_the_expiry_or_the_signature_is_tampering()
    {
        var sig = _signer.Sign(Key, Expires);
        var exp = Expires.ToUnixTimeSeconds();

        Assert.Equal(SignatureCheck.Tampered, _signer.Verify(Key.Replace("0001", "0002", StringComparison.Ordinal), exp, sig, Now));
        Assert.Equal(SignatureCheck.Tampered, _signer.Verify(Key, exp + 3600, sig, Now));
        var flipped = (sig[0] == 'A' ? 'B' : 'A') + sig[1..];
        Assert.Equal(SignatureCheck.Tampered, _signer.Verify(Key, exp, flipped, Now));
        Assert.Equal(SignatureCheck.Tampered, _signer.Verify(Key, exp, sig[..^2], Now));
        Assert.Equal(SignatureCheck.Tampered, _signer.Verify(Key, exp, "", Now));
        Assert.Equal(SignatureCheck.Tampered, _signer.Verify(Key, exp, "not*base64!", Now));
    }

    [Fact]
    public void A_tampered_expiry_in_the_past_reads_tampered_not_expired()
    {
        var sig = _signer.Sign(Key, Expires);
        Assert.Equal(SignatureCheck.Tampered, _signer.Verify(Key, Now.AddDays(-1).ToUnixTimeSeconds(), sig, Now));
    }

    [Fact]
    public void Another_secret_does_not_verify()
    {
        var sig = new ResultUrlSigner(RandomNumberGenerator.GetBytes(32)).Sign(Key, Expires);
        Assert.Equal(SignatureCheck.Tampered, _signer.Verify(Key, Expires.ToUnixTimeSeconds(), sig, Now));
    }

    [Fact]
    public void Same_secret_signs_alike_so_urls_survive_restarts()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(new ResultUrlSigner(secret).Sign(Key, Expires), new ResultUrlSigner((byte[])secret.Clone()).Sign(Key, Expires));
    }

    [Fact]
    public void Short_secrets_are_refused() =>
        Assert.Throws<ArgumentException>(() => new ResultUrlSigner(new byte[8]));
}
