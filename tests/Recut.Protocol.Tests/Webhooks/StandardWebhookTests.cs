using System.Text;
using Recut.Protocol.Webhooks;

namespace Recut.Protocol.Tests.Webhooks;

public class StandardWebhookTests
{
    // The example of the Standard Webhooks specification (and Svix's documentation), computed by its libraries.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");

    private static DateTimeOffset SpecNow => DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp);

    [Fact]
    public void Signs_the_specification_example_as_its_libraries_do()
    {
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", StandardWebhook.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody));
    }

    [Fact]
    public void Verifies_a_good_signature_and_refuses_a_changed_body_id_or_timestamp()
    {
        var header = StandardWebhook.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody);
        Assert.True(StandardWebhook.Verify(SpecSecret, SpecId, "1614265330", header, SpecBody, SpecNow));
        Assert.False(StandardWebhook.Verify(SpecSecret, SpecId, "1614265330", header, Encoding.UTF8.GetBytes("{\"test\": 2432232315}"), SpecNow));
        Assert.False(StandardWebhook.Verify(SpecSecret, "msg_other", "1614265330", header, SpecBody, SpecNow));
        Assert.False(StandardWebhook.Verify(SpecSecret, SpecId, "1614265331", header, SpecBody, SpecNow));
        Assert.False(StandardWebhook.Verify(StandardWebhook.NewSecret(), SpecId, "1614265330", header, SpecBody, SpecNow));
    }

    [Fact]
    public void Refuses_a_timestamp_outside_the_tolerance()
    {
        var header = StandardWebhook.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody);
        Assert.True(StandardWebhook.Verify(SpecSecret, SpecId, "1614265330", header, SpecBody, SpecNow.AddMinutes(4)));
        Assert.False(StandardWebhook.Verify(SpecSecret, SpecId, "1614265330", header, SpecBody, SpecNow.AddMinutes(6)));
        Assert.False(StandardWebhook.Verify(SpecSecret, SpecId, "not-a-number", header, SpecBody, SpecNow));
    }

    [Fact]
    public void A_rotation_header_carries_one_signature_per_secret_and_either_verifies()
    {
        var fresh = StandardWebhook.NewSecret();
        var header = StandardWebhook.SignatureHeaderValue([fresh, SpecSecret], SpecId, SpecTimestamp, SpecBody);
        Assert.Equal(2, header.Split(' ').Length);
        Assert.True(StandardWebhook.Verify(fresh, SpecId, "1614265330", header, SpecBody, SpecNow));
        Assert.True(StandardWebhook.Verify(SpecSecret, SpecId, "1614265330", header, SpecBody, SpecNow));
    }

    [Fact]
    public void New_secrets_are_32_random_bytes_in_the_whsec_form()
    {
        var a = StandardWebhook.NewSecret();
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.Equal(32, StandardWebhook.KeyOf(a).Length);
        Assert.NotEqual(a, StandardWebhook.NewSecret());
    }
}
