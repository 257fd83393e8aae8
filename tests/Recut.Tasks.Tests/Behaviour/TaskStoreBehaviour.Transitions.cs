namespace Recut.Tasks.Tests.Behaviour;

public abstract partial class TaskStoreBehaviour
{
    [Fact]
    public async Task Complete_records_the_result_and_ends_the_lease()
    {
        var task = await CreateAsync();
        var lease = await LeaseRequiredAsync();
        Time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await Store.CompleteAsync(task.Id, lease.Token, "results/a.mp4", Usage, Ct));

        var stored = await GetRequiredAsync(task);
        Assert.Equal(EditTaskStatus.Succeeded, stored.Status);
        Assert.Equal("results/a.mp4", stored.ResultKey);
        Assert.Equal(Usage, stored.Usage);
        Assert.Equal(10.04, stored.Usage!.Duration);
        Assert.Equal(100, stored.Progress);
        Assert.Equal(Time.GetUtcNow(), stored.EndTime);
        Assert.Null(stored.LeaseToken);
        Assert.Null(stored.LeaseExpiresAt);
        Assert.Null(stored.ErrorCode);
    }

    [Fact]
    public async Task Final_writes_need_the_current_token_and_happen_once()
    {
        var task = await CreateAsync();
        var lease = await LeaseRequiredAsync();

        Assert.False(await Store.CompleteAsync(task.Id, "not-the-token", "r", Usage, Ct));
        Assert.False(await Store.FailAsync(task.Id, "not-the-token", "InternalError", "x", Ct));
        Assert.False(await Store.CompleteAsync(Guid.NewGuid(), lease.Token, "r", Usage, Ct));
        Assert.Equal(EditTaskStatus.Running, (await GetRequiredAsync(task)).Status);

        Assert.True(await Store.CompleteAsync(task.Id, lease.Token, "first", Usage, Ct));
        Assert.False(await Store.CompleteAsync(task.Id, lease.Token, "second", Usage, Ct));
        Assert.False(await Store.FailAsync(task.Id, lease.Token, "InternalError", "late", Ct));
        Assert.False(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, 10, Ct));

        var stored = await GetRequiredAsync(task);
        Assert.Equal(EditTaskStatus.Succeeded, stored.Status);
        Assert.Equal("first", stored.ResultKey);
        Assert.Equal(100, stored.Progress);
    }

    [Fact]
    public async Task Fail_records_code_message_and_end_time()
    {
        var task = await CreateAsync();
        var lease = await LeaseRequiredAsync();
        Time.Advance(TimeSpan.FromSeconds(3));

        Assert.True(await Store.FailAsync(task.Id, lease.Token, "InvalidFile.Duration", "The video is 12.0 s; the limit is 2–10 s.", Ct));

        var stored = await GetRequiredAsync(task);
        Assert.Equal(EditTaskStatus.Failed, stored.Status);
        Assert.Equal("InvalidFile.Duration", stored.ErrorCode);
        Assert.Equal("The video is 12.0 s; the limit is 2–10 s.", stored.ErrorMessage);
        Assert.Equal(Time.GetUtcNow(), stored.EndTime);
        Assert.Null(stored.ResultKey);
        Assert.Null(stored.Usage);
        Assert.Null(stored.LeaseToken);
        Assert.False(await Store.CompleteAsync(task.Id, lease.Token, "r", Usage, Ct));
    }

    [Fact]
    public async Task Progress_and_plan_are_visible_while_running()
    {
        var task = await CreateAsync();
        var lease = await LeaseRequiredAsync();

        Assert.True(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, 37, Ct));
        Assert.True(await Store.RecordPlanAsync(task.Id, lease.Token, "1. replace background with a beach",
            """{"steps":[{"op":"background_replace","reference_image":1}],"notes":["读作背景"]}""", Ct));
        var stored = await GetRequiredAsync(task);
        Assert.Equal(37, stored.Progress);
        Assert.Equal("1. replace background with a beach", stored.ActualPrompt);
        // PostgreSQL keeps it as jsonb (whitespace and key order are its own), so compare the parsed object.
        using (var plan = System.Text.Json.JsonDocument.Parse(stored.PlanJson!))
        {
            Assert.Equal("background_replace", plan.RootElement.GetProperty("steps")[0].GetProperty("op").GetString());
            Assert.Equal("读作背景", plan.RootElement.GetProperty("notes")[0].GetString());
        }

        // prompt_extend off: no words, the structure alone.
        Assert.True(await Store.RecordPlanAsync(task.Id, lease.Token, null, """{"steps":[]}""", Ct));
        Assert.Null((await GetRequiredAsync(task)).ActualPrompt);

        Assert.True(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, 150, Ct));
        Assert.Equal(100, (await GetRequiredAsync(task)).Progress);
        Assert.True(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, -5, Ct));
        Assert.Equal(0, (await GetRequiredAsync(task)).Progress);
    }

    [Fact]
    public async Task Lease_writes_on_a_pending_task_are_refused()
    {
        var task = await CreateAsync();
        var madeUp = Guid.NewGuid().ToString("N");

        Assert.False(await Store.HeartbeatAsync(task.Id, madeUp, Lease, 10, Ct));
        Assert.False(await Store.RecordPlanAsync(task.Id, madeUp, "plan", """{"steps":[]}""", Ct));
        Assert.False(await Store.CompleteAsync(task.Id, madeUp, "r", Usage, Ct));
        Assert.False(await Store.FailAsync(task.Id, madeUp, "InternalError", "x", Ct));

        var stored = await GetRequiredAsync(task);
        Assert.Equal(EditTaskStatus.Pending, stored.Status);
        Assert.Equal(0, stored.Progress);
        Assert.Null(stored.ActualPrompt);
        Assert.Null(stored.PlanJson);
    }

    [Fact]
    public async Task Cancel_moves_a_pending_task_to_canceled_once()
    {
        var task = await CreateAsync();
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await Store.CancelAsync(task.Id, TenantA, Ct));
        Assert.False(await Store.CancelAsync(task.Id, TenantA, Ct));

        var stored = await GetRequiredAsync(task);
        Assert.Equal(EditTaskStatus.Canceled, stored.Status);
        Assert.Equal(Time.GetUtcNow(), stored.EndTime);
        Assert.Null(await LeaseAsync());
    }

    [Fact]
    public async Task Cancel_refuses_running_foreign_and_unknown_tasks()
    {
        var running = await CreateAsync();
        await LeaseRequiredAsync();
        var pending = await CreateAsync();

        Assert.False(await Store.CancelAsync(running.Id, TenantA, Ct));
        Assert.False(await Store.CancelAsync(pending.Id, TenantB, Ct));
        Assert.False(await Store.CancelAsync(Guid.NewGuid(), TenantA, Ct));

        Assert.Equal(EditTaskStatus.Running, (await GetRequiredAsync(running)).Status);
        Assert.Equal(EditTaskStatus.Pending, (await GetRequiredAsync(pending)).Status);
    }
}
