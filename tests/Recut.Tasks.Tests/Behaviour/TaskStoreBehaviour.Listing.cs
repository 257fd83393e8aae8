namespace Recut.Tasks.Tests.Behaviour;

public abstract partial class TaskStoreBehaviour
{
    private TaskQuery Window(string tenant = TenantA) => new(tenant, Start, Time.GetUtcNow());

    [Fact]
    public async Task List_shows_only_the_tenants_tasks_newest_first()
    {
        var mine = await CreateManyAsync(3, TenantA);
        await CreateManyAsync(2, TenantB);

        var page = await Store.ListAsync(Window(TenantA), Ct);

        Assert.Equal(3, page.Total);
        Assert.Equal(mine.Select(t => t.Id).Reverse(), page.Items.Select(t => t.Id));
        Assert.All(page.Items, t => Assert.Equal(TenantA, t.TenantId));
    }

    [Fact]
    public async Task List_pages_through_the_results()
    {
        var tasks = await CreateManyAsync(25);
        var newestFirst = tasks.Select(t => t.Id).Reverse().ToList();

        var first = await Store.ListAsync(Window() with { PageNo = 1, PageSize = 10 }, Ct);
        var last = await Store.ListAsync(Window() with { PageNo = 3, PageSize = 10 }, Ct);
        var beyond = await Store.ListAsync(Window() with { PageNo = 4, PageSize = 10 }, Ct);

        Assert.Equal(newestFirst.Take(10), first.Items.Select(t => t.Id));
        Assert.Equal(newestFirst.Skip(20), last.Items.Select(t => t.Id));
        Assert.Equal((25, 3, 3, 10), (last.Total, last.TotalPages, last.PageNo, last.PageSize));
        Assert.Empty(beyond.Items);
        Assert.Equal(25, beyond.Total);
    }

    [Fact]
    public async Task List_keeps_to_the_time_window_inclusive()
    {
        var before = await CreateAsync(prompt: "before");
        Time.Advance(TimeSpan.FromHours(1));
        var from = Time.GetUtcNow();
        var atFrom = await CreateAsync(prompt: "at from");
        Time.Advance(TimeSpan.FromHours(1));
        var atTo = await CreateAsync(prompt: "at to");
        var to = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await CreateAsync(prompt: "after");

        var page = await Store.ListAsync(new TaskQuery(TenantA, from, to), Ct);

        Assert.Equal([atTo.Id, atFrom.Id], page.Items.Select(t => t.Id));
        Assert.Equal(2, page.Total);
        Assert.DoesNotContain(page.Items, t => t.Id == before.Id || t.Id == after.Id);
    }

    [Fact]
    public async Task List_filters_by_status_task_id_and_model()
    {
        var running = await CreateAsync(prompt: "run");
        await LeaseRequiredAsync();
        var pending = await CreateAsync(prompt: "wait");
        var otherModel = await CreateAsync(prompt: "other", model: "wan2.7-videoedit-preview");

        var byStatus = await Store.ListAsync(Window() with { Status = EditTaskStatus.Running }, Ct);
        var byId = await Store.ListAsync(Window() with { TaskId = pending.Id }, Ct);
        var byModel = await Store.ListAsync(Window() with { ModelName = "wan2.7-videoedit-preview" }, Ct);
        var combined = await Store.ListAsync(Window() with { TaskId = pending.Id, Status = EditTaskStatus.Running }, Ct);
        var foreignId = await Store.ListAsync(Window(TenantB) with { TaskId = pending.Id }, Ct);

        Assert.Equal(running.Id, Assert.Single(byStatus.Items).Id);
        Assert.Equal(pending.Id, Assert.Single(byId.Items).Id);
        Assert.Equal(otherModel.Id, Assert.Single(byModel.Items).Id);
        Assert.Equal(1, byModel.Total);
        Assert.Empty(combined.Items);
        Assert.Equal(0, combined.Total);
        Assert.Empty(foreignId.Items);
    }

    [Fact]
    public async Task List_refuses_a_page_below_one()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync(Window() with { PageNo = 0 }, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ListAsync(Window() with { PageSize = 0 }, Ct));
    }
}
