using Recut.Tasks.Keys;

namespace Recut.Tasks.Tests.Behaviour;

/// <summary>
/// Leasing is fair across tenants (fewest running first, then the tenant served longest ago, then the oldest task),
/// and creates are refused once a tenant's or the service's pending queue is full (API.md §6: 429 Throttling).
/// </summary>
public abstract partial class TaskStoreBehaviour
{
    /// <summary>One worker, lease → finish → lease …; the 1-based position at which each task was leased.</summary>
    private async Task<Dictionary<Guid, int>> RunOneWorkerAsync(int limit = NoLimit)
    {
        var positions = new Dictionary<Guid, int>();
        while (await LeaseAsync(limit) is { } lease)
        {
            positions[lease.Task.Id] = positions.Count + 1;
            Time.Advance(TimeSpan.FromSeconds(1)); // the task takes a second
            Assert.True(await Store.CompleteAsync(lease.Task.Id, lease.Token, "r", Usage, Ct));
        }
        return positions;
    }

    [Fact]
    public async Task A_tenant_flooding_the_queue_does_not_starve_one_that_submits_later()
    {
        var flood = await CreateManyAsync(40, TenantA);
        // A's first task is already running when B submits its one task behind A's other 39.
        var running = await LeaseRequiredAsync();
        Assert.Equal(flood[0].Id, running.Task.Id);
        Time.Advance(TimeSpan.FromSeconds(1));
        var lone = await CreateAsync(TenantB, prompt: "one task");
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Store.CompleteAsync(running.Task.Id, running.Token, "r", Usage, Ct));

        var positions = await RunOneWorkerAsync();

        // Strict oldest-first would lease B's task 40th (after A's 39 others); fair leasing takes it next.
        Assert.Equal(1, positions[lone.Id]);
        Assert.Equal(40, positions.Count);
        // A's own tasks still run in A's submission order.
        Assert.Equal(flood.Skip(1).Select(t => t.Id), positions.Where(p => p.Key != lone.Id).OrderBy(p => p.Value).Select(p => p.Key));
    }

    [Fact]
    public async Task Two_tenants_with_backlogs_take_turns()
    {
        var a = await CreateManyAsync(4, TenantA);
        var b = await CreateManyAsync(4, TenantB);

        var order = (await RunOneWorkerAsync()).OrderBy(p => p.Value).Select(p => p.Key).ToList();

        Assert.Equal([a[0].Id, b[0].Id, a[1].Id, b[1].Id, a[2].Id, b[2].Id, a[3].Id, b[3].Id], order);
    }

    [Fact]
    public async Task With_several_workers_the_tenant_running_fewest_goes_first()
    {
        var a = await CreateManyAsync(10, TenantA);
        var b = await CreateManyAsync(3, TenantB);
        var c = await CreateManyAsync(3, "tenant-c");

        // Nothing finishes: each lease adds to its tenant's running count.
        var leased = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            leased.Add((await LeaseRequiredAsync()).Task.Id);
        }

        Assert.Equal([a[0].Id, b[0].Id, c[0].Id, a[1].Id, b[1].Id, c[1].Id], leased);
    }

    [Fact]
    public async Task Fair_leasing_keeps_the_per_tenant_running_limit()
    {
        await CreateManyAsync(5, TenantA);
        var b = await CreateManyAsync(1, TenantB);

        var leases = new List<TaskLease>();
        while (await LeaseAsync(limit: 2) is { } lease)
        {
            leases.Add(lease);
        }

        Assert.Equal(3, leases.Count);
        Assert.Equal(2, leases.Count(l => l.Task.TenantId == TenantA));
        Assert.Contains(leases, l => l.Task.Id == b[0].Id);
    }

    [Fact]
    public async Task A_full_tenant_queue_refuses_creates_and_frees_up_as_tasks_start()
    {
        var queue = new QueueLimits(PerTenant: 3, Total: 0);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Store.CreateAsync(New(prompt: $"p{i}") with { Queue = queue }, Ct)).Created);
        }

        var refused = await Assert.ThrowsAsync<QueueFullException>(() => Store.CreateAsync(New(prompt: "p3") with { Queue = queue }, Ct));
        Assert.False(refused.WholeService);
        Assert.Equal(3, refused.Limit);
        Assert.Equal(3, (await ListAllAsync(TenantA)).Total);
        // Another tenant's queue is its own.
        Assert.True((await Store.CreateAsync(New(TenantB) with { Queue = queue }, Ct)).Created);

        // A task that starts running no longer waits: its place in the queue is free again.
        await LeaseRequiredAsync();
        Assert.True((await Store.CreateAsync(New(prompt: "p4") with { Queue = queue }, Ct)).Created);
    }

    [Fact]
    public async Task A_full_service_queue_refuses_every_tenant()
    {
        var queue = new QueueLimits(PerTenant: 100, Total: 3);
        await Store.CreateAsync(New(TenantA, prompt: "1") with { Queue = queue }, Ct);
        await Store.CreateAsync(New(TenantA, prompt: "2") with { Queue = queue }, Ct);
        await Store.CreateAsync(New(TenantB, prompt: "3") with { Queue = queue }, Ct);

        var refused = await Assert.ThrowsAsync<QueueFullException>(() => Store.CreateAsync(New("tenant-c") with { Queue = queue }, Ct));

        Assert.True(refused.WholeService);
        Assert.Equal(3, refused.Limit);
    }

    [Fact]
    public async Task A_managed_key_s_own_pending_cap_overrides_the_server_s()
    {
        var key = await Keys.CreateAsync("small-queue", new ApiKeyLimits(MaxPending: 1), Actor, Ct);
        var tenant = key.Record.TenantId;
        var queue = new QueueLimits(PerTenant: 50, Total: 0);
        await Store.CreateAsync(New(tenant) with { Queue = queue }, Ct);

        var refused = await Assert.ThrowsAsync<QueueFullException>(() => Store.CreateAsync(New(tenant, prompt: "2") with { Queue = queue }, Ct));

        Assert.Equal(1, refused.Limit);
    }

    [Fact]
    public async Task Concurrent_creates_never_pass_the_queue_cap()
    {
        var queue = new QueueLimits(PerTenant: 4, Total: 0);

        var outcomes = await RunConcurrentlyAsync(16, async i =>
        {
            try
            {
                return (await Store.CreateAsync(New(prompt: $"race {i}") with { Queue = queue }, Ct)).Created;
            }
            catch (QueueFullException)
            {
                return false;
            }
        });

        Assert.Equal(4, outcomes.Count(created => created));
        Assert.Equal(4, (await ListAllAsync(TenantA)).Total);
    }

    [Fact]
    public async Task A_repeat_of_an_accepted_create_is_answered_even_when_the_queue_is_full()
    {
        var queue = new QueueLimits(PerTenant: 1, Total: 0);
        var first = await Store.CreateAsync(New(key: "once") with { Queue = queue }, Ct);

        var again = await Store.CreateAsync(New(key: "once") with { Queue = queue }, Ct);

        Assert.False(again.Created);
        Assert.Equal(first.Task.Id, again.Task.Id);
    }

    [Fact]
    public async Task Queue_and_upload_limits_of_a_key_are_stored_updated_and_listed()
    {
        var created = await Keys.CreateAsync("uploads", new ApiKeyLimits(MaxPending: 7, UploadDailyMb: 300, UploadHeldMb: 200), Actor, Ct);
        Assert.Equal(new ApiKeyLimits(MaxPending: 7, UploadDailyMb: 300, UploadHeldMb: 200), created.Record.Limits);

        var updated = await Keys.UpdateLimitsAsync("uploads", new ApiKeyLimits(UploadHeldMb: 50), Actor, Ct);

        Assert.Equal(new ApiKeyLimits(UploadHeldMb: 50), updated.Limits);
        var listed = Assert.Single(await Keys.ListAsync(Ct));
        Assert.Equal(new ApiKeyLimits(UploadHeldMb: 50), listed.Limits);
        var audit = (await Keys.ListAuditAsync(1, Ct))[0];
        Assert.Contains("\"upload_held_mb\":50", audit.AfterJson!.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Keys.UpdateLimitsAsync("uploads", new ApiKeyLimits(UploadDailyMb: 0), Actor, Ct));
    }
}
