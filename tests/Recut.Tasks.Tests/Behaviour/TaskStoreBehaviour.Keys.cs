using System.Text.Json;
using Recut.Tasks.Keys;

namespace Recut.Tasks.Tests.Behaviour;

/// <summary>Managed API keys: stored hashed, revocable, audited, and their limits enforced by the task store's own SQL.</summary>
public abstract partial class TaskStoreBehaviour
{
    private const string Actor = "ops@host";

    private IApiKeyStore? _keys;

    protected IApiKeyStore Keys => _keys ??= OpenKeyStore(Time);

    [Fact]
    public async Task A_new_key_is_handed_out_once_and_found_by_its_hash_only()
    {
        var created = await Keys.CreateAsync("ci", new ApiKeyLimits(RatePerSecond: 2), Actor, Ct);

        Assert.Matches("^sk-recut-[0-9a-f]{32}$", created.Key);
        var hash = ApiKeyMaterial.Hash(created.Key);
        Assert.Equal("t_" + hash[..24], created.Record.TenantId);
        Assert.Equal(created.Key[..13], created.Record.Prefix);
        Assert.Equal(Start, created.Record.CreatedAt);
        Assert.Null(created.Record.RevokedAt);

        var found = await Keys.FindByHashAsync(hash, Ct);
        Assert.Equal(created.Record, found);
        Assert.Null(await Keys.FindByHashAsync(ApiKeyMaterial.Hash(created.Key + "x"), Ct));
        Assert.Null(await Keys.FindByHashAsync(created.Key, Ct)); // the plaintext is not what is stored
        var listed = Assert.Single(await Keys.ListAsync(Ct));
        Assert.Equal(created.Record, listed);
        Assert.Equal(1, await Keys.CountActiveAsync(Ct));
    }

    [Fact]
    public async Task Two_keys_get_different_secrets_and_tenants()
    {
        var a = await Keys.CreateAsync("a", ApiKeyLimits.None, Actor, Ct);
        var b = await Keys.CreateAsync("b", ApiKeyLimits.None, Actor, Ct);

        Assert.NotEqual(a.Key, b.Key);
        Assert.NotEqual(a.Record.TenantId, b.Record.TenantId);
        Assert.Equal(["a", "b"], (await Keys.ListAsync(Ct)).Select(k => k.Name));
    }

    [Fact]
    public async Task A_name_stays_taken_even_after_revocation()
    {
        await Keys.CreateAsync("team", ApiKeyLimits.None, Actor, Ct);
        await Assert.ThrowsAsync<ApiKeyNameTakenException>(() => Keys.CreateAsync("team", ApiKeyLimits.None, Actor, Ct));
        await Keys.RevokeAsync("team", Actor, Ct);
        await Assert.ThrowsAsync<ApiKeyNameTakenException>(() => Keys.CreateAsync("team", ApiKeyLimits.None, Actor, Ct));

        Assert.Single(await Keys.ListAsync(Ct));
        Assert.Single(await Keys.ListAuditAsync(100, Ct), e => e.Action == ApiKeyActions.Create);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("semi;colon")]
    [InlineData("名字")]
    public async Task Bad_names_are_refused_and_nothing_is_stored(string name)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Keys.CreateAsync(name, ApiKeyLimits.None, Actor, Ct));
        Assert.Empty(await Keys.ListAsync(Ct));
        Assert.Empty(await Keys.ListAuditAsync(10, Ct));
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(null, -1, null)]
    [InlineData(null, null, 0)]
    public async Task Limits_below_one_are_refused(int? rate, int? running, int? daily)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Keys.CreateAsync("k", new ApiKeyLimits(rate, running, daily), Actor, Ct));
        Assert.Empty(await Keys.ListAsync(Ct));
    }

    [Fact]
    public async Task Revoking_marks_the_key_and_logs_before_and_after()
    {
        var created = await Keys.CreateAsync("gone", new ApiKeyLimits(DailyQuota: 9), Actor, Ct);
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await Keys.RevokeAsync("gone", "admin@box", Ct));
        Assert.False(await Keys.RevokeAsync("gone", "admin@box", Ct)); // already revoked: no change, no log

        var found = await Keys.FindByHashAsync(ApiKeyMaterial.Hash(created.Key), Ct);
        Assert.NotNull(found);
        Assert.True(found.IsRevoked);
        Assert.Equal(Start.AddMinutes(5), found.RevokedAt);
        Assert.Equal(0, await Keys.CountActiveAsync(Ct));

        var audit = await Keys.ListAuditAsync(10, Ct);
        Assert.Equal([ApiKeyActions.Revoke, ApiKeyActions.Create], audit.Select(e => e.Action));
        var revoke = audit[0];
        Assert.Equal("admin@box", revoke.Actor);
        Assert.Equal("gone", revoke.KeyName);
        Assert.Equal(Start.AddMinutes(5), revoke.At);
        using var before = JsonDocument.Parse(revoke.BeforeJson!);
        using var after = JsonDocument.Parse(revoke.AfterJson!);
        Assert.Equal(JsonValueKind.Null, before.RootElement.GetProperty("revoked_at").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, after.RootElement.GetProperty("revoked_at").ValueKind);
        Assert.Equal(9, after.RootElement.GetProperty("daily_quota").GetInt32());
        Assert.Equal(created.Record.TenantId, after.RootElement.GetProperty("tenant_id").GetString());
        var create = audit[1];
        Assert.Equal(Actor, create.Actor);
        Assert.Null(create.BeforeJson);
        Assert.NotNull(create.AfterJson);
        // The log never holds the key or its hash.
        var hash = ApiKeyMaterial.Hash(created.Key);
        Assert.All(audit, e => Assert.DoesNotContain(hash, (e.BeforeJson ?? "") + e.AfterJson, StringComparison.Ordinal));
        Assert.All(audit, e => Assert.DoesNotContain(created.Key, (e.BeforeJson ?? "") + e.AfterJson, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_names_cannot_be_revoked_or_updated()
    {
        await Assert.ThrowsAsync<ApiKeyNotFoundException>(() => Keys.RevokeAsync("nobody", Actor, Ct));
        await Assert.ThrowsAsync<ApiKeyNotFoundException>(() => Keys.UpdateLimitsAsync("nobody", ApiKeyLimits.None, Actor, Ct));
        Assert.Empty(await Keys.ListAuditAsync(10, Ct));
    }

    [Fact]
    public async Task Updating_limits_is_logged_and_a_revoked_key_cannot_change()
    {
        await Keys.CreateAsync("tuned", new ApiKeyLimits(RatePerSecond: 1), Actor, Ct);

        var updated = await Keys.UpdateLimitsAsync("tuned", new ApiKeyLimits(MaxRunning: 2, DailyQuota: 50), Actor, Ct);

        Assert.Equal(new ApiKeyLimits(null, 2, 50), updated.Limits);
        Assert.Equal(updated.Limits, Assert.Single(await Keys.ListAsync(Ct)).Limits);
        var entry = (await Keys.ListAuditAsync(1, Ct))[0];
        Assert.Equal(ApiKeyActions.Update, entry.Action);
        using var before = JsonDocument.Parse(entry.BeforeJson!);
        using var after = JsonDocument.Parse(entry.AfterJson!);
        Assert.Equal(1, before.RootElement.GetProperty("rate_per_second").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.RootElement.GetProperty("rate_per_second").ValueKind);
        Assert.Equal(50, after.RootElement.GetProperty("daily_quota").GetInt32());

        await Keys.RevokeAsync("tuned", Actor, Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Keys.UpdateLimitsAsync("tuned", new ApiKeyLimits(DailyQuota: 1), Actor, Ct));
        Assert.Equal(3, (await Keys.ListAuditAsync(10, Ct)).Count);
    }

    [Fact]
    public async Task The_daily_quota_refuses_the_next_task_and_resets_at_utc_midnight()
    {
        var key = (await Keys.CreateAsync("metered", new ApiKeyLimits(DailyQuota: 3), Actor, Ct)).Record;
        var first = await CreateAsync(key.TenantId, key: "idem", prompt: "p0");
        await CreateAsync(key.TenantId, prompt: "p1");
        await CreateAsync(key.TenantId, prompt: "p2");

        var refused = await Assert.ThrowsAsync<DailyQuotaExceededException>(() => Store.CreateAsync(New(key.TenantId, prompt: "p3"), Ct));
        Assert.Equal(3, refused.Quota);
        Assert.Equal(key.TenantId, refused.TenantId);
        // A repeat of an accepted request is not a new task: still answered.
        var repeat = await Store.CreateAsync(New(key.TenantId, key: "idem", prompt: "p0"), Ct);
        Assert.False(repeat.Created);
        Assert.Equal(first.Id, repeat.Task.Id);
        // Other tenants (static keys, other managed keys) are not affected.
        await CreateAsync(TenantB);
        Assert.Equal(3, Assert.Single(await Keys.ListAsync(Ct)).TasksToday);
        Assert.Equal(3, (await ListAllAsync(key.TenantId)).Total);

        // Start is 00:08 UTC; the next UTC day starts 23 h 52 min later.
        Time.Advance(TimeSpan.FromHours(23).Add(TimeSpan.FromMinutes(51)));
        await Assert.ThrowsAsync<DailyQuotaExceededException>(() => Store.CreateAsync(New(key.TenantId, prompt: "p4"), Ct));
        Time.Advance(TimeSpan.FromMinutes(1));
        await CreateAsync(key.TenantId, prompt: "p5");
        Assert.Equal(1, Assert.Single(await Keys.ListAsync(Ct)).TasksToday);
    }

    [Fact]
    public async Task A_refused_or_conflicting_create_does_not_use_up_quota()
    {
        var key = (await Keys.CreateAsync("careful", new ApiKeyLimits(DailyQuota: 2), Actor, Ct)).Record;
        await CreateAsync(key.TenantId, key: "k", prompt: "blue");

        await Assert.ThrowsAsync<IdempotencyConflictException>(() => Store.CreateAsync(New(key.TenantId, key: "k", prompt: "red"), Ct));
        await CreateAsync(key.TenantId, prompt: "second");

        await Assert.ThrowsAsync<DailyQuotaExceededException>(() => Store.CreateAsync(New(key.TenantId, prompt: "third"), Ct));
        await Assert.ThrowsAsync<DailyQuotaExceededException>(() => Store.CreateAsync(New(key.TenantId, prompt: "fourth"), Ct));
        Assert.Equal(2, Assert.Single(await Keys.ListAsync(Ct)).TasksToday);
    }

    [Fact]
    public async Task Thirty_parallel_creates_against_a_quota_of_five_make_exactly_five_tasks()
    {
        var key = (await Keys.CreateAsync("raced", new ApiKeyLimits(DailyQuota: 5), Actor, Ct)).Record;
        var second = OpenStore(Time); // a second process on the same database
        await second.InitializeAsync(Ct);

        var outcomes = await RunConcurrentlyAsync(30, async i =>
        {
            try
            {
                return (await (i % 2 == 0 ? Store : second).CreateAsync(New(key.TenantId, prompt: $"race {i}"), Ct)).Created;
            }
            catch (DailyQuotaExceededException)
            {
                return false;
            }
        });

        Assert.Equal(5, outcomes.Count(created => created));
        Assert.Equal(5, (await ListAllAsync(key.TenantId)).Total);
        Assert.Equal(5, Assert.Single(await Keys.ListAsync(Ct)).TasksToday);
    }

    [Fact]
    public async Task Parallel_repeats_of_one_request_at_the_quota_edge_all_get_the_one_task()
    {
        var key = (await Keys.CreateAsync("edge", new ApiKeyLimits(DailyQuota: 1), Actor, Ct)).Record;

        var outcomes = await RunConcurrentlyAsync(12, _ => Store.CreateAsync(New(key.TenantId, key: "same"), Ct));

        Assert.Single(outcomes, o => o.Created);
        Assert.Single(outcomes.Select(o => o.Task.Id).Distinct());
        await Assert.ThrowsAsync<DailyQuotaExceededException>(() => Store.CreateAsync(New(key.TenantId, key: "other"), Ct));
    }

    [Fact]
    public async Task A_revoked_key_no_longer_counts_or_limits()
    {
        var key = (await Keys.CreateAsync("former", new ApiKeyLimits(MaxRunning: 1, DailyQuota: 1), Actor, Ct)).Record;
        await CreateAsync(key.TenantId, prompt: "one");
        await Keys.RevokeAsync("former", Actor, Ct);

        // Tasks already accepted still run, under the server's limits; the store no longer meters the tenant.
        await CreateAsync(key.TenantId, prompt: "two");
        Assert.NotNull(await LeaseAsync(limit: 2));
        Assert.NotNull(await LeaseAsync(limit: 2));
    }

    [Fact]
    public async Task Leasing_respects_a_keys_own_running_limit_below_the_servers()
    {
        var key = (await Keys.CreateAsync("narrow", new ApiKeyLimits(MaxRunning: 2), Actor, Ct)).Record;
        await CreateManyAsync(4, key.TenantId);
        var other = await CreateAsync(TenantB, prompt: "static tenant");

        var leased = new List<Guid>();
        while (await LeaseAsync(limit: 5) is { } lease)
        {
            leased.Add(lease.Task.Id);
        }

        Assert.Equal(3, leased.Count); // two of the key's, then the static tenant's
        Assert.Contains(other.Id, leased);
        Assert.Equal(2, leased.Count(id => id != other.Id));
    }

    [Fact]
    public async Task Leasing_lets_a_key_run_more_than_the_server_default_when_its_limit_says_so()
    {
        var key = (await Keys.CreateAsync("wide", new ApiKeyLimits(MaxRunning: 3), Actor, Ct)).Record;
        await CreateManyAsync(5, key.TenantId);
        await CreateManyAsync(3, TenantB);

        var leased = new List<string>();
        while (await LeaseAsync(limit: 1) is { } lease)
        {
            leased.Add(lease.Task.TenantId);
        }

        Assert.Equal(3, leased.Count(t => t == key.TenantId));
        Assert.Equal(1, leased.Count(t => t == TenantB));
    }

    [Fact]
    public async Task A_lowered_running_limit_applies_to_the_next_lease()
    {
        var key = (await Keys.CreateAsync("shrinking", new ApiKeyLimits(MaxRunning: 3), Actor, Ct)).Record;
        await CreateManyAsync(4, key.TenantId);
        Assert.NotNull(await LeaseAsync());

        await Keys.UpdateLimitsAsync("shrinking", new ApiKeyLimits(MaxRunning: 1), Actor, Ct);

        Assert.Null(await LeaseAsync());
    }
}
