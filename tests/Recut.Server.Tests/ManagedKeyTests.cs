using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Recut.Protocol.Errors;
using Recut.Server.Auth;
using Recut.Server.Configuration;
using Recut.Server.Hosting;
using Recut.Server.Limits;
using Recut.Tasks.Keys;
using Recut.TestSupport;

namespace Recut.Server.Tests;

/// <summary>Managed keys at the server's front door: identification, revocation through the cache, per-key rates, the dev key.</summary>
public sealed class ManagedKeyTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 3, 12, 0, 0, TimeSpan.Zero));
    private IApiKeyStore _store = null!;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _store = ApiKeyStoreFactory.Create(Path.Combine(_dir.Path, "tasks.db"), _time);
        await _store.InitializeAsync(Ct);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_managed_key_identifies_its_tenant_with_its_limits()
    {
        var created = await _store.CreateAsync("ci", new ApiKeyLimits(RatePerSecond: 2, DailyQuota: 10), "ops@host", Ct);
        var identity = new CallerIdentity(new ApiKeyRing(["static"]), new ManagedKeyLookup(_store, _time));

        var (caller, error) = await identity.IdentifyAsync(Request(created.Key), Ct);

        Assert.Null(error);
        Assert.Equal(created.Record.TenantId, caller!.TenantId);
        Assert.Equal(new ApiKeyLimits(2, null, 10), caller.Limits);
        // Same key string, same tenant, whether it is configured statically or managed.
        Assert.Equal(new ApiKeyRing([created.Key]).TenantOf(created.Key), caller.TenantId);
        var (staticCaller, _) = await identity.IdentifyAsync(Request("static"), Ct);
        Assert.Equal(ApiKeyLimits.None, staticCaller!.Limits);
    }

    [Fact]
    public async Task The_development_key_is_refused_within_the_cache_window_once_a_managed_key_exists()
    {
        const string dev = "sk-dev-0123456789abcdef0123456789abcdef";
        var identity = new CallerIdentity(new ApiKeyRing([dev], isDevelopmentKey: true), new ManagedKeyLookup(_store, _time));
        Assert.NotNull((await identity.IdentifyAsync(Request(dev), Ct)).Caller);

        var created = await _store.CreateAsync("first", ApiKeyLimits.None, "ops@host", Ct);
        _time.Advance(ManagedKeyLookup.CacheFor + TimeSpan.FromMilliseconds(1));

        var (caller, error) = await identity.IdentifyAsync(Request(dev), Ct);
        Assert.Null(caller);
        Assert.Equal(ErrorCodes.InvalidApiKey, error!.Code);
        Assert.Equal(ErrorMessages.InvalidApiKey, error.Message);
        Assert.NotNull((await identity.IdentifyAsync(Request(created.Key), Ct)).Caller);
        // A configured static key is not the development key: managed keys do not retire it.
        var configured = new CallerIdentity(new ApiKeyRing([dev]), new ManagedKeyLookup(_store, _time));
        Assert.NotNull((await configured.IdentifyAsync(Request(dev), Ct)).Caller);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_like_an_unknown_one_once_the_cache_expires()
    {
        var created = await _store.CreateAsync("leaver", ApiKeyLimits.None, "ops@host", Ct);
        var identity = new CallerIdentity(new ApiKeyRing([]), new ManagedKeyLookup(_store, _time));
        Assert.NotNull((await identity.IdentifyAsync(Request(created.Key), Ct)).Caller);

        await _store.RevokeAsync("leaver", "ops@host", Ct);
        // Within the cache window the old answer stands (documented: revocation takes effect within 5 s).
        Assert.NotNull((await identity.IdentifyAsync(Request(created.Key), Ct)).Caller);
        _time.Advance(ManagedKeyLookup.CacheFor + TimeSpan.FromMilliseconds(1));

        var (caller, error) = await identity.IdentifyAsync(Request(created.Key), Ct);
        Assert.Null(caller);
        Assert.Equal(ErrorCodes.InvalidApiKey, error!.Code);
        Assert.Equal(ErrorMessages.InvalidApiKey, error.Message);
    }

    [Fact]
    public async Task An_unknown_key_is_refused_and_a_key_made_afterwards_still_works()
    {
        var identity = new CallerIdentity(new ApiKeyRing([]), new ManagedKeyLookup(_store, _time));
        var (caller, error) = await identity.IdentifyAsync(Request("sk-recut-00000000000000000000000000000000"), Ct);
        Assert.Null(caller);
        Assert.Equal(ErrorMessages.InvalidApiKey, error!.Message);

        var created = await _store.CreateAsync("fresh", ApiKeyLimits.None, "ops@host", Ct);
        Assert.NotNull((await identity.IdentifyAsync(Request(created.Key), Ct)).Caller);
    }

    [Fact]
    public void A_keys_own_rate_replaces_the_default_and_its_query_rate_scales_with_it()
    {
        using var limits = new PerKeyRateLimits(Options.Create(new RecutOptions { SubmitsPerSecond = 5, QueriesPerSecond = 20 }));

        Assert.Equal(5, limits.SubmitRate(null));
        Assert.Equal(20, limits.QueryRate(null));
        Assert.Equal(2, limits.SubmitRate(2));
        Assert.Equal(8, limits.QueryRate(2));
        Assert.Equal(4, limits.QueryRate(1));

        Assert.Equal(2, Enumerable.Range(0, 10).Count(_ => limits.TrySubmit("t_slow", 2)));
        Assert.Equal(5, Enumerable.Range(0, 10).Count(_ => limits.TrySubmit("t_default")));
        Assert.Equal(8, Enumerable.Range(0, 20).Count(_ => limits.TryQuery("t_slow", 2)));
        // A raised limit takes effect at once: a fresh bucket at the new rate.
        Assert.Equal(7, Enumerable.Range(0, 10).Count(_ => limits.TrySubmit("t_slow", 7)));
    }

    [Fact]
    public void With_managed_keys_no_development_key_is_made_or_accepted()
    {
        var options = new RecutOptions { DataDirectory = Path.Combine(_dir.Path, "managed") };
        var messages = new List<string>();

        var ring = ApiKeys.Resolve(options, activeManagedKeys: 2, messages.Add);

        Assert.Equal(0, ring.Count);
        Assert.False(File.Exists(Path.Combine(options.DataDirectory, DevelopmentKey.FileName)));
        Assert.Contains("2 managed API key(s)", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_keys_a_development_key_is_made_and_static_keys_win_over_both()
    {
        var options = new RecutOptions { DataDirectory = Path.Combine(_dir.Path, "fresh") };
        var dev = ApiKeys.Resolve(options, activeManagedKeys: 0, null);
        Assert.Equal(1, dev.Count);
        Assert.True(File.Exists(Path.Combine(options.DataDirectory, DevelopmentKey.FileName)));

        var configured = ApiKeys.Resolve(new RecutOptions { ApiKeys = "a,b", DataDirectory = options.DataDirectory }, 3, null);
        Assert.Equal(2, configured.Count);
        Assert.NotNull(configured.TenantOf("a"));
    }

    private static HttpRequest Request(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + key;
        return context.Request;
    }
}
