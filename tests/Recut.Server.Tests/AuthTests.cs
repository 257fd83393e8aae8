using Microsoft.AspNetCore.Http;
using Recut.Server.Auth;
using Recut.TestSupport;

namespace Recut.Server.Tests;

public sealed class AuthTests
{
    [Fact]
    public void Tenants_are_stable_distinct_and_never_contain_the_key()
    {
        var ring = new ApiKeyRing(["alpha-key", " beta-key ", ""]);
        Assert.Equal(2, ring.Count);
        var a = ring.TenantOf("alpha-key");
        Assert.NotNull(a);
        Assert.Equal(a, new ApiKeyRing(["alpha-key"]).TenantOf("alpha-key"));
        Assert.NotEqual(a, ring.TenantOf("beta-key"));
        Assert.DoesNotContain("alpha", a, StringComparison.Ordinal);
        Assert.Null(ring.TenantOf("gamma-key"));
    }

    [Theory]
    [InlineData(null, "No API-key provided.")]
    [InlineData("", "No API-key provided.")]
    [InlineData("Bearer ", "No API-key provided.")]
    [InlineData("Bearer nope", "Invalid API-key provided.")]
    public async Task Missing_and_unknown_keys_get_the_dashscope_messages(string? header, string message)
    {
        var identity = new CallerIdentity(new ApiKeyRing(["k1"]));
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.Authorization = header;
        }
        var (caller, error) = await identity.IdentifyAsync(context.Request, CancellationToken.None);
        Assert.Null(caller);
        Assert.Equal("InvalidApiKey", error!.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("Bearer k1")]
    [InlineData("bearer k1")]
    [InlineData("k1")]
    public async Task A_known_key_identifies_its_tenant(string header)
    {
        var ring = new ApiKeyRing(["k1"]);
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = header;
        var (caller, error) = await new CallerIdentity(ring).IdentifyAsync(context.Request, CancellationToken.None);
        Assert.Null(error);
        Assert.Equal(ring.TenantOf("k1"), caller!.TenantId);
        Assert.Equal(Recut.Tasks.Keys.ApiKeyLimits.None, caller.Limits);
    }

    [Fact]
    public void The_development_key_is_created_once_and_reused()
    {
        using var dir = new TempDir();
        var (first, created) = DevelopmentKey.LoadOrCreate(dir.Path);
        var (second, createdAgain) = DevelopmentKey.LoadOrCreate(dir.Path);
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, second);
        Assert.StartsWith("sk-dev-", first, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.Path, DevelopmentKey.FileName)));
    }
}
