namespace Recut.Tasks.Tests.Behaviour;

public abstract partial class TaskStoreBehaviour
{
    [Fact]
    public async Task Nothing_to_lease_returns_null()
    {
        Assert.Null(await LeaseAsync());
    }

    [Fact]
    public async Task Lease_takes_the_oldest_task_and_marks_it_running()
    {
        var tasks = await CreateManyAsync(3);
        Time.Advance(TimeSpan.FromSeconds(2));
        var now = Time.GetUtcNow();

        var lease = await LeaseRequiredAsync();

        Assert.Equal(tasks[0].Id, lease.Task.Id);
        Assert.Equal(now + Lease, lease.ExpiresAt);
        Assert.Equal(32, lease.Token.Length);
        var stored = await GetRequiredAsync(tasks[0]);
        Assert.Equal(EditTaskStatus.Running, stored.Status);
        Assert.Equal(now, stored.ScheduledTime);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(lease.Token, stored.LeaseToken);
        Assert.Equal(lease.ExpiresAt, stored.LeaseExpiresAt);
        Assert.Equal("worker-1", stored.LeaseOwner);
        Assert.Equal(stored.Status, lease.Task.Status);
        Assert.Equal(stored.Attempts, lease.Task.Attempts);
        Assert.Equal(EditTaskStatus.Pending, (await GetRequiredAsync(tasks[1])).Status);
    }

    [Fact]
    public async Task Leases_follow_submission_order()
    {
        var tasks = await CreateManyAsync(5);

        var leased = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            leased.Add((await LeaseRequiredAsync()).Task.Id);
        }

        Assert.Equal(tasks.Select(t => t.Id), leased);
        Assert.Null(await LeaseAsync());
    }

    [Fact]
    public async Task Parallel_leasers_take_every_task_exactly_once()
    {
        var tasks = await CreateManyAsync(50);

        var perWorker = await DrainConcurrentlyAsync(Store, Store, Store, Store);

        var leased = perWorker.SelectMany(ids => ids).ToList();
        Assert.Equal(50, leased.Count);
        // With 50 tasks waiting, a worker that got nothing on its first try means a lease was lost.
        Assert.All(perWorker, Assert.NotEmpty);
        Assert.Equal(tasks.Select(t => t.Id).Order(), leased.Order());
    }

    [Fact]
    public async Task Two_store_instances_on_one_database_never_share_a_task()
    {
        var second = OpenStore(Time);
        await second.InitializeAsync(Ct); // a second process starting up: migrations must be a no-op
        var tasks = await CreateManyAsync(40);

        var perWorker = await DrainConcurrentlyAsync(Store, second, Store, second);

        var leased = perWorker.SelectMany(ids => ids).ToList();
        Assert.Equal(tasks.Select(t => t.Id).Order(), leased.Order());
        // What one instance wrote, the other reads.
        var viaSecond = await second.GetAsync(tasks[0].Id, TenantA, Ct);
        Assert.Equal(EditTaskStatus.Running, viaSecond?.Status);
    }

    [Fact]
    public async Task A_tenant_at_its_running_limit_is_skipped_for_others()
    {
        var a = await CreateManyAsync(3, TenantA);
        var b = await CreateManyAsync(1, TenantB);

        var first = await LeaseRequiredAsync(limit: 2);
        var second = await LeaseRequiredAsync(limit: 2);
        var third = await LeaseRequiredAsync(limit: 2);

        // Fair order: B (running none) goes before A's second task; then A up to its limit of 2.
        Assert.Equal([a[0].Id, b[0].Id, a[1].Id], [first.Task.Id, second.Task.Id, third.Task.Id]);
        Assert.Null(await LeaseAsync(limit: 2));

        Assert.True(await Store.CompleteAsync(first.Task.Id, first.Token, "r", Usage, Ct));
        Assert.Equal(a[2].Id, (await LeaseRequiredAsync(limit: 2)).Task.Id);
    }

    [Fact]
    public async Task An_expired_lease_does_not_count_toward_the_limit()
    {
        var a = await CreateManyAsync(2, TenantA);
        await LeaseRequiredAsync(limit: 1);
        Assert.Null(await LeaseAsync(limit: 1));

        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        // The abandoned task is first in line again; the limit does not hold it back.
        var again = await LeaseRequiredAsync(limit: 1);
        Assert.Equal(a[0].Id, again.Task.Id);
        Assert.Null(await LeaseAsync(limit: 1));
    }

    [Fact]
    public async Task Expired_lease_is_taken_over_and_the_old_token_is_dead()
    {
        var task = await CreateAsync();
        var old = await LeaseRequiredAsync();
        var firstStart = Time.GetUtcNow();
        Assert.Null(await LeaseAsync()); // still held

        Time.Advance(Lease + TimeSpan.FromMilliseconds(1));
        var fresh = await Store.TryLeaseNextAsync("worker-2", Lease, NoLimit, Ct);

        Assert.NotNull(fresh);
        Assert.Equal(task.Id, fresh.Task.Id);
        Assert.NotEqual(old.Token, fresh.Token);
        Assert.Equal(2, fresh.Task.Attempts);
        Assert.Equal(firstStart, fresh.Task.ScheduledTime);
        Assert.False(await Store.HeartbeatAsync(task.Id, old.Token, Lease, 50, Ct));
        Assert.False(await Store.RecordPlanAsync(task.Id, old.Token, "stale plan", null, Ct));
        Assert.False(await Store.CompleteAsync(task.Id, old.Token, "stale", Usage, Ct));
        Assert.False(await Store.FailAsync(task.Id, old.Token, "InternalError", "stale", Ct));

        var stored = await GetRequiredAsync(task);
        Assert.Equal(EditTaskStatus.Running, stored.Status);
        Assert.Equal(fresh.Token, stored.LeaseToken);
        Assert.Equal("worker-2", stored.LeaseOwner);
        Assert.Null(stored.ActualPrompt);
        Assert.True(await Store.CompleteAsync(task.Id, fresh.Token, "result", Usage, Ct));
    }

    [Fact]
    public async Task Heartbeat_keeps_the_lease_alive()
    {
        var task = await CreateAsync();
        var lease = await LeaseRequiredAsync();

        Time.Advance(TimeSpan.FromSeconds(50));
        Assert.True(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, 40, Ct));
        Time.Advance(TimeSpan.FromSeconds(50)); // past the original expiry, inside the extended one
        Assert.Null(await LeaseAsync());
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(10), (await GetRequiredAsync(task)).LeaseExpiresAt);

        Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(task.Id, (await LeaseRequiredAsync()).Task.Id);
    }

    [Fact]
    public async Task Finished_and_canceled_tasks_are_never_leased()
    {
        var done = await CreateAsync();
        var lease = await LeaseRequiredAsync();
        Assert.True(await Store.CompleteAsync(done.Id, lease.Token, "r", Usage, Ct));
        var failed = await CreateAsync();
        lease = await LeaseRequiredAsync();
        Assert.True(await Store.FailAsync(failed.Id, lease.Token, "InvalidFile.Duration", "too long", Ct));
        var canceled = await CreateAsync();
        Assert.True(await Store.CancelAsync(canceled.Id, TenantA, Ct));

        Time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await LeaseAsync());
    }

    [Fact]
    public async Task Lease_arguments_are_checked()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.TryLeaseNextAsync("w", TimeSpan.Zero, 1, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.TryLeaseNextAsync("w", Lease, 0, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.TryLeaseNextAsync("", Lease, 1, Ct));
    }
}
