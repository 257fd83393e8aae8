namespace Recut.Tasks.Tests.Behaviour;

public abstract partial class TaskStoreBehaviour
{
    [Fact]
    public async Task Create_then_get_returns_the_whole_pending_task()
    {
        var submitted = New(key: "key-1");
        var outcome = await Store.CreateAsync(submitted, Ct);

        Assert.True(outcome.Created);
        var stored = await GetRequiredAsync(outcome.Task);
        Assert.Equal(outcome.Task.Id, stored.Id);
        Assert.Equal(TenantA, stored.TenantId);
        Assert.Equal(submitted.RequestId, stored.RequestId);
        Assert.Equal(EditTaskStatus.Pending, stored.Status);
        Assert.Equal(Start, stored.SubmitTime);
        Assert.Equal(outcome.Task.SubmitTime, stored.SubmitTime);
        Assert.Null(stored.ScheduledTime);
        Assert.Null(stored.EndTime);
        Assert.Equal(0, stored.Progress);
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.LeaseToken);
        Assert.Null(stored.Usage);
        Assert.Equal("key-1", stored.IdempotencyKey);
        // Every request field survives the trip through the row, including lists, nulls and the dialect enum.
        Assert.Equivalent(submitted.Request, stored.Request, strict: true);
        Assert.Equal(submitted.Request.Dialect, stored.Request.Dialect);
    }

    [Fact]
    public async Task Get_hides_a_task_from_another_tenant_and_unknown_ids()
    {
        var task = await CreateAsync(TenantA);

        Assert.Null(await Store.GetAsync(task.Id, TenantB, Ct));
        Assert.Null(await Store.GetAsync(Guid.NewGuid(), TenantA, Ct));
        Assert.NotNull(await Store.GetAsync(task.Id, TenantA, Ct));
    }

    [Fact]
    public async Task Repeated_key_with_the_same_body_returns_the_first_task()
    {
        var first = await Store.CreateAsync(New(key: "k"), Ct);
        Time.Advance(TimeSpan.FromHours(23));
        var again = await Store.CreateAsync(New(key: "k"), Ct);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Task.Id, again.Task.Id);
        Assert.Equal(first.Task.RequestId, again.Task.RequestId);
        Assert.Equal(1, (await ListAllAsync(TenantA)).Total);
    }

    [Fact]
    public async Task Repeated_key_with_a_different_body_is_a_conflict_and_changes_nothing()
    {
        var first = await CreateAsync(key: "k", prompt: "make it blue");

        var error = await Assert.ThrowsAsync<IdempotencyConflictException>(
            () => Store.CreateAsync(New(key: "k", prompt: "make it red"), Ct));

        Assert.Equal("k", error.Key);
        var page = await ListAllAsync(TenantA);
        Assert.Equal(first.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task Keys_are_scoped_to_a_tenant()
    {
        var a = await CreateAsync(TenantA, key: "shared", prompt: "one");
        var b = await CreateAsync(TenantB, key: "shared", prompt: "two");

        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public async Task Without_a_key_every_create_is_a_new_task()
    {
        var a = await CreateAsync();
        var b = await CreateAsync();

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(2, (await ListAllAsync(TenantA)).Total);
    }

    [Fact]
    public async Task A_key_older_than_the_window_starts_a_new_task()
    {
        var old = await CreateAsync(key: "k", prompt: "first");
        Time.Advance(TimeSpan.FromHours(25));

        var fresh = await Store.CreateAsync(New(key: "k", prompt: "second"), Ct);

        Assert.True(fresh.Created);
        Assert.NotEqual(old.Id, fresh.Task.Id);
        // The old task is still there (until the retention sweep) and the key now answers with the new one.
        Assert.NotNull(await Store.GetAsync(old.Id, TenantA, Ct));
        var repeat = await Store.CreateAsync(New(key: "k", prompt: "second"), Ct);
        Assert.Equal(fresh.Task.Id, repeat.Task.Id);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_make_exactly_one_task()
    {
        var outcomes = await RunConcurrentlyAsync(20, _ => Store.CreateAsync(New(key: "race"), Ct));

        Assert.Single(outcomes, o => o.Created);
        Assert.Single(outcomes.Select(o => o.Task.Id).Distinct());
        Assert.Equal(1, (await ListAllAsync(TenantA)).Total);
    }

    private Task<TaskPage> ListAllAsync(string tenant) =>
        Store.ListAsync(new TaskQuery(tenant, Start.AddDays(-1), Time.GetUtcNow().AddDays(1), PageSize: 100), Ct);
}
