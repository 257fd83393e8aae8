namespace Recut.Tasks.Tests.Behaviour;

public abstract partial class TaskStoreBehaviour
{
    [Fact]
    public async Task Retention_deletes_old_tasks_in_every_final_state_and_returns_them()
    {
        var succeeded = await CreateAsync(prompt: "ok");
        var lease = await LeaseRequiredAsync();
        Assert.True(await Store.CompleteAsync(succeeded.Id, lease.Token, "results/ok.mp4", Usage, Ct));
        var canceled = await CreateAsync(prompt: "cancel");
        Assert.True(await Store.CancelAsync(canceled.Id, TenantA, Ct));
        var failed = await CreateAsync(TenantB, prompt: "fails");
        var failing = await LeaseRequiredAsync();
        Assert.True(await Store.FailAsync(failed.Id, failing.Token, "InternalError", "boom", Ct));
        Time.Advance(TimeSpan.FromHours(1));
        var cutoff = Time.GetUtcNow();
        var young = await CreateAsync(prompt: "young");
        var youngLease = await LeaseRequiredAsync();
        Assert.True(await Store.CompleteAsync(young.Id, youngLease.Token, "results/young.mp4", Usage, Ct));

        var deleted = await Store.DeleteSubmittedBeforeAsync(cutoff, Ct);

        Assert.Equal(new[] { succeeded.Id, canceled.Id, failed.Id }.Order(), deleted.Select(t => t.Id).Order());
        Assert.Equal("results/ok.mp4", deleted.Single(t => t.Id == succeeded.Id).ResultKey);
        Assert.Null(await Store.GetAsync(succeeded.Id, TenantA, Ct));
        Assert.Null(await Store.GetAsync(failed.Id, TenantB, Ct));
        Assert.NotNull(await Store.GetAsync(young.Id, TenantA, Ct));
        Assert.Empty(await Store.DeleteSubmittedBeforeAsync(cutoff, Ct));
    }

    [Fact]
    public async Task Retention_never_deletes_a_pending_task_however_old()
    {
        var backlog = new[] { await CreateAsync(prompt: "waiting 1"), await CreateAsync(TenantB, prompt: "waiting 2") };
        Time.Advance(TimeSpan.FromDays(30));

        Assert.Empty(await Store.DeleteSubmittedBeforeAsync(Time.GetUtcNow(), Ct));

        foreach (var task in backlog)
        {
            Assert.Equal(EditTaskStatus.Pending, (await GetRequiredAsync(task)).Status);
        }
        // Once it has run and is final, the old task expires like any other.
        var lease = await LeaseRequiredAsync();
        Assert.True(await Store.CompleteAsync(lease.Task.Id, lease.Token, "results/late.mp4", Usage, Ct));
        Assert.Equal(lease.Task.Id, Assert.Single(await Store.DeleteSubmittedBeforeAsync(Time.GetUtcNow(), Ct)).Id);
    }

    [Fact]
    public async Task Retention_spares_a_running_task_whether_its_worker_is_alive_or_dead()
    {
        var task = await CreateAsync();
        var lease = await LeaseRequiredAsync();
        Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(await Store.DeleteSubmittedBeforeAsync(Time.GetUtcNow(), Ct));
        Assert.True(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, 50, Ct));

        Time.Advance(Lease + TimeSpan.FromSeconds(1)); // the worker died: the task is owed another attempt, not deletion
        Assert.Empty(await Store.DeleteSubmittedBeforeAsync(Time.GetUtcNow(), Ct));
        var retry = await LeaseRequiredAsync();
        Assert.Equal(task.Id, retry.Task.Id);
        Assert.True(await Store.CompleteAsync(task.Id, retry.Token, "results/r.mp4", Usage, Ct));
        Assert.Equal(task.Id, Assert.Single(await Store.DeleteSubmittedBeforeAsync(Time.GetUtcNow(), Ct)).Id);
    }

    [Fact]
    public async Task Tasks_abandoned_too_often_are_failed()
    {
        var poison = await CreateAsync(prompt: "poison");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(poison.Id, (await LeaseRequiredAsync()).Task.Id);
            Time.Advance(Lease + TimeSpan.FromSeconds(1));
        }
        var once = await CreateAsync(prompt: "abandoned once");
        Assert.Equal(poison.Id, (await LeaseRequiredAsync()).Task.Id); // attempt 4, alive
        Assert.Equal(once.Id, (await LeaseRequiredAsync()).Task.Id);
        var pending = await CreateAsync(prompt: "waiting");
        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        // poison: 4 expired leases, exactly at the limit; once: 1 expired lease; pending: never leased.
        Assert.Equal(1, await Store.FailExhaustedAsync(maxAttempts: 4, Ct));

        var failed = await GetRequiredAsync(poison);
        Assert.Equal(EditTaskStatus.Failed, failed.Status);
        Assert.Equal("InternalError", failed.ErrorCode);
        Assert.Contains("abandoned by workers 4 times", failed.ErrorMessage);
        Assert.Equal(Time.GetUtcNow(), failed.EndTime);
        Assert.Null(failed.LeaseToken);
        Assert.Equal(EditTaskStatus.Running, (await GetRequiredAsync(once)).Status);
        Assert.Equal(EditTaskStatus.Pending, (await GetRequiredAsync(pending)).Status);
        Assert.Equal(0, await Store.FailExhaustedAsync(maxAttempts: 4, Ct));
    }

    [Fact]
    public async Task A_live_lease_is_not_failed_however_many_attempts()
    {
        var task = await CreateAsync();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await LeaseRequiredAsync();
            Time.Advance(Lease + TimeSpan.FromSeconds(1));
        }
        var lease = await LeaseRequiredAsync(); // attempt 4, held

        Assert.Equal(0, await Store.FailExhaustedAsync(maxAttempts: 2, Ct));
        Assert.True(await Store.CompleteAsync(task.Id, lease.Token, "r", Usage, Ct));
    }
}
