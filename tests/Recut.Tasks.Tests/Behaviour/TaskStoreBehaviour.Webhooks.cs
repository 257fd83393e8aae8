using Recut.Protocol.Webhooks;
using Recut.Tasks.Webhooks;

namespace Recut.Tasks.Tests.Behaviour;

/// <summary>
/// The webhook outbox: what the database triggers write for each state change, and how events are claimed, retried,
/// given up and how endpoints are disabled. The same facts on both stores.
/// </summary>
public abstract partial class TaskStoreBehaviour
{
    private const string Hook = "https://hooks.example.com/recut";
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(1);

    /// <summary>A webhook store on the same database as <see cref="Store"/>.</summary>
    protected abstract IWebhookStore OpenWebhookStore(TimeProvider time);

    private async Task<EditTask> CreateHookedAsync(string? url = Hook, string? events = null, string tenant = TenantA)
    {
        var task = New(tenant, prompt: "hooked " + Guid.NewGuid().ToString("N"));
        var hooked = task with
        {
            Request = task.Request with { WebhookUrl = url, WebhookEvents = url is null ? null : events ?? WebhookEvents.DefaultFilter },
            PublicBase = "http://recut.test",
        };
        var outcome = await Store.CreateAsync(hooked, Ct);
        return outcome.Task;
    }

    private async Task<IReadOnlyList<string>> EventTypesAsync(IWebhookStore hooks, EditTask task) =>
        (await hooks.ListEventsAsync(task.Id, Ct)).Select(e => e.EventType).ToList();

    [Fact]
    public async Task A_task_without_a_webhook_writes_no_events()
    {
        var hooks = OpenWebhookStore(Time);
        var task = await CreateHookedAsync(url: null);
        var lease = await LeaseRequiredAsync();
        Assert.True(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, 50, Ct));
        Assert.True(await Store.CompleteAsync(task.Id, lease.Token, "r.mp4", Usage, Ct));
        Assert.Empty(await hooks.ListEventsAsync(task.Id, Ct));
        Assert.Empty(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
    }

    [Fact]
    public async Task Each_state_change_writes_one_event_in_order_with_a_unique_id()
    {
        var hooks = OpenWebhookStore(Time);
        var task = await CreateHookedAsync();
        var lease = await LeaseRequiredAsync();
        Assert.True(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, 60, Ct)); // progress is not in the default filter
        Assert.True(await Store.CompleteAsync(task.Id, lease.Token, "r.mp4", Usage, Ct));

        var events = await hooks.ListEventsAsync(task.Id, Ct);
        Assert.Equal([WebhookEvents.Running, WebhookEvents.Succeeded], events.Select(e => e.EventType));
        Assert.All(events, e => Assert.Equal(Hook, e.Url));
        Assert.All(events, e => Assert.Matches("^msg_[0-9a-f]{32}$", e.EventId));
        Assert.NotEqual(events[0].EventId, events[1].EventId);
        Assert.Equal(100, events[1].Progress);
    }

    [Fact]
    public async Task The_filter_decides_which_events_are_written()
    {
        var hooks = OpenWebhookStore(Time);
        var succeeded = await CreateHookedAsync(events: "failed");
        var lease = await LeaseRequiredAsync();
        Assert.True(await Store.CompleteAsync(succeeded.Id, lease.Token, "r.mp4", Usage, Ct));
        Assert.Empty(await hooks.ListEventsAsync(succeeded.Id, Ct));

        var failed = await CreateHookedAsync(events: "failed");
        var second = await LeaseRequiredAsync();
        Assert.True(await Store.FailAsync(failed.Id, second.Token, "InvalidParameter", "no", Ct));
        Assert.Equal([WebhookEvents.Failed], await EventTypesAsync(hooks, failed));
    }

    [Fact]
    public async Task Cancel_and_the_exhausted_sweep_write_their_events_too()
    {
        var hooks = OpenWebhookStore(Time);
        var canceled = await CreateHookedAsync();
        Assert.True(await Store.CancelAsync(canceled.Id, TenantA, Ct));
        Assert.Equal([WebhookEvents.Canceled], await EventTypesAsync(hooks, canceled));

        var abandoned = await CreateHookedAsync();
        await LeaseRequiredAsync();
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Store.FailExhaustedAsync(maxAttempts: 1, Ct));
        Assert.Equal([WebhookEvents.Running, WebhookEvents.Failed], await EventTypesAsync(hooks, abandoned));
    }

    [Fact]
    public async Task A_re_lease_after_a_dead_worker_is_not_a_second_running_event()
    {
        var hooks = OpenWebhookStore(Time);
        var task = await CreateHookedAsync();
        await LeaseRequiredAsync();
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var again = await LeaseRequiredAsync();
        Assert.Equal(2, again.Task.Attempts);
        Assert.Equal([WebhookEvents.Running], await EventTypesAsync(hooks, task));
    }

    [Fact]
    public async Task Progress_events_come_in_steps_of_ten_points_and_never_for_completion()
    {
        var hooks = OpenWebhookStore(Time);
        var task = await CreateHookedAsync(events: "progress,succeeded");
        var lease = await LeaseRequiredAsync();
        foreach (var p in new[] { 5, 12, 15, 21, 25, 99 })
        {
            Assert.True(await Store.HeartbeatAsync(task.Id, lease.Token, Lease, p, Ct));
        }
        Assert.True(await Store.CompleteAsync(task.Id, lease.Token, "r.mp4", Usage, Ct));
        var events = await hooks.ListEventsAsync(task.Id, Ct);
        Assert.Equal(["task.progress:12", "task.progress:25", "task.progress:99", "task.succeeded:100"],
            events.Select(e => $"{e.EventType}:{e.Progress}"));
    }

    [Fact]
    public async Task A_key_default_endpoint_serves_tasks_without_their_own_and_a_task_url_wins()
    {
        var hooks = OpenWebhookStore(Time);
        var secret = await hooks.SetEndpointAsync(TenantA, "https://default.example.com/", WebhookEvents.Normalize("completed", out _)!, Ct);
        Assert.NotNull(secret);
        Assert.Null(await hooks.SetEndpointAsync(TenantA, "https://default.example.com/", "succeeded,failed,canceled", Ct)); // shown once

        var plain = await CreateHookedAsync(url: null);
        var own = await CreateHookedAsync(url: Hook);
        var other = await CreateHookedAsync(url: null, tenant: TenantB);
        Assert.True(await Store.CancelAsync(plain.Id, TenantA, Ct));
        Assert.True(await Store.CancelAsync(own.Id, TenantA, Ct));
        Assert.True(await Store.CancelAsync(other.Id, TenantB, Ct));

        Assert.Equal("https://default.example.com/", Assert.Single(await hooks.ListEventsAsync(plain.Id, Ct)).Url);
        Assert.Equal(Hook, Assert.Single(await hooks.ListEventsAsync(own.Id, Ct)).Url);
        Assert.Empty(await hooks.ListEventsAsync(other.Id, Ct));
    }

    [Fact]
    public async Task A_task_events_are_claimed_one_at_a_time_in_order()
    {
        var hooks = OpenWebhookStore(Time);
        var task = await CreateHookedAsync();
        var lease = await LeaseRequiredAsync();
        Assert.True(await Store.CompleteAsync(task.Id, lease.Token, "r.mp4", Usage, Ct));

        var first = Assert.Single(await hooks.ClaimDueAsync("d1", 10, Claim, Ct));
        Assert.Equal(WebhookEvents.Running, first.EventType);
        Assert.Equal("http://recut.test", first.PublicBase);
        Assert.Empty(await hooks.ClaimDueAsync("d2", 10, Claim, Ct)); // the running event is in flight; succeeded waits

        await hooks.RecordDeliveredAsync(first, "d1", 200, TimeSpan.FromMilliseconds(3), Ct);
        var second = Assert.Single(await hooks.ClaimDueAsync("d2", 10, Claim, Ct));
        Assert.Equal(WebhookEvents.Succeeded, second.EventType);
    }

    [Fact]
    public async Task An_expired_claim_is_taken_over_and_the_id_stays_the_same()
    {
        var hooks = OpenWebhookStore(Time);
        var task = await CreateHookedAsync();
        Assert.True(await Store.CancelAsync(task.Id, TenantA, Ct));
        var taken = Assert.Single(await hooks.ClaimDueAsync("killed", 10, Claim, Ct));
        Time.Advance(Claim - TimeSpan.FromSeconds(1));
        Assert.Empty(await hooks.ClaimDueAsync("other", 10, Claim, Ct));
        Time.Advance(TimeSpan.FromSeconds(2));
        var again = Assert.Single(await hooks.ClaimDueAsync("other", 10, Claim, Ct));
        Assert.Equal(taken.EventId, again.EventId);
        Assert.Equal(taken.FirstAttemptAt, again.FirstAttemptAt);
    }

    [Fact]
    public async Task Two_deliverers_claiming_at_once_never_share_an_event()
    {
        for (var i = 0; i < 20; i++)
        {
            var task = await CreateHookedAsync();
            Assert.True(await Store.CancelAsync(task.Id, TenantA, Ct));
        }
        var stores = new[] { OpenWebhookStore(Time), OpenWebhookStore(Time) };
        var claims = await RunConcurrentlyAsync(2, async i =>
        {
            var mine = new List<string>();
            while ((await stores[i].ClaimDueAsync($"d{i}", 3, Claim, Ct)) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(d => d.EventId));
            }
            return mine;
        });
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
    }

    [Fact]
    public async Task A_failure_is_retried_when_due_and_given_up_without_a_next_time()
    {
        var hooks = OpenWebhookStore(Time);
        var task = await CreateHookedAsync();
        Assert.True(await Store.CancelAsync(task.Id, TenantA, Ct));
        var first = Assert.Single(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
        Assert.False(await hooks.RecordFailedAsync(first, "d", 500, "HTTP 500", TimeSpan.FromMilliseconds(4),
            Time.GetUtcNow().AddSeconds(30), TimeSpan.FromHours(24), Ct));
        Assert.Empty(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
        Time.Advance(TimeSpan.FromSeconds(31));
        var second = Assert.Single(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
        Assert.Equal(1, second.Attempts);
        await hooks.RecordFailedAsync(second, "d", null, "No answer within 10 s.", TimeSpan.FromSeconds(10), retryAt: null, TimeSpan.FromHours(24), Ct);
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await hooks.ClaimDueAsync("d", 10, Claim, Ct));

        var record = Assert.Single(await hooks.ListEventsAsync(task.Id, Ct));
        Assert.NotNull(record.DeadAt);
        Assert.Equal(2, record.Attempts);
        var log = await hooks.ListAttemptsAsync(new WebhookLogQuery(TenantA, task.Id), Ct);
        Assert.Equal(["dead", "retry"], log.Select(a => a.Outcome));
        Assert.Equal([null, 500], log.Select(a => a.StatusCode));
        Assert.Empty(await hooks.ListAttemptsAsync(new WebhookLogQuery(TenantB), Ct));
    }

    [Fact]
    public async Task An_endpoint_failing_for_a_day_is_disabled_and_its_waiting_events_given_up()
    {
        var hooks = OpenWebhookStore(Time);
        var a = await CreateHookedAsync();
        Assert.True(await Store.CancelAsync(a.Id, TenantA, Ct));
        var first = Assert.Single(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
        Assert.False(await hooks.RecordFailedAsync(first, "d", 503, "HTTP 503", TimeSpan.Zero, Time.GetUtcNow().AddHours(25), TimeSpan.FromHours(24), Ct));
        Time.Advance(TimeSpan.FromHours(25));
        var retry = Assert.Single(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
        Assert.True(await hooks.RecordFailedAsync(retry, "d", 503, "HTTP 503", TimeSpan.Zero, Time.GetUtcNow().AddHours(1), TimeSpan.FromHours(24), Ct));
        Assert.Equal(Hook, Assert.Single(await hooks.ListTargetsAsync(disabledOnly: true, Ct)).Url);

        var b = await CreateHookedAsync();
        Assert.True(await Store.CancelAsync(b.Id, TenantA, Ct));
        Time.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
        Assert.NotNull(Assert.Single(await hooks.ListEventsAsync(b.Id, Ct)).DeadAt);

        Assert.True(await hooks.EnableTargetAsync(TenantA, Hook, Ct));
        Assert.Empty(await hooks.ListTargetsAsync(disabledOnly: true, Ct));
        Assert.False(await hooks.EnableTargetAsync(TenantA, Hook, Ct));
    }

    [Fact]
    public async Task A_success_clears_the_failing_mark()
    {
        var hooks = OpenWebhookStore(Time);
        foreach (var status in new[] { 500, 200 })
        {
            var task = await CreateHookedAsync();
            Assert.True(await Store.CancelAsync(task.Id, TenantA, Ct));
            var d = Assert.Single(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
            if (status == 200)
            {
                await hooks.RecordDeliveredAsync(d, "d", 200, TimeSpan.Zero, Ct);
            }
            else
            {
                await hooks.RecordFailedAsync(d, "d", 500, "HTTP 500", TimeSpan.Zero, retryAt: null, TimeSpan.FromHours(24), Ct);
            }
        }
        var target = Assert.Single(await hooks.ListTargetsAsync(disabledOnly: false, Ct));
        Assert.Null(target.FailingSince);
        Assert.NotNull(target.LastSuccessAt);
    }

    [Fact]
    public async Task Secrets_are_created_once_and_a_rotation_signs_with_both_for_its_overlap()
    {
        var hooks = OpenWebhookStore(Time);
        var first = Assert.Single(await hooks.SigningSecretsAsync(TenantA, Ct));
        Assert.Equal([first], await hooks.SigningSecretsAsync(TenantA, Ct));
        var rotated = await hooks.RotateSecretAsync(TenantA, TimeSpan.FromHours(24), Ct);
        Assert.Equal([rotated, first], await hooks.SigningSecretsAsync(TenantA, Ct));
        Assert.NotNull((await hooks.GetEndpointAsync(TenantA, Ct))!.PreviousSecretValidUntil);
        Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.Equal([rotated], await hooks.SigningSecretsAsync(TenantA, Ct));
        Assert.NotEqual(first, Assert.Single(await hooks.SigningSecretsAsync(TenantB, Ct)));
    }

    [Fact]
    public async Task Finished_events_go_with_retention_and_pending_ones_stay()
    {
        var hooks = OpenWebhookStore(Time);
        var done = await CreateHookedAsync();
        var waiting = await CreateHookedAsync();
        Assert.True(await Store.CancelAsync(done.Id, TenantA, Ct));
        var d = Assert.Single(await hooks.ClaimDueAsync("d", 10, Claim, Ct));
        await hooks.RecordDeliveredAsync(d, "d", 204, TimeSpan.Zero, Ct);
        Assert.True(await Store.CancelAsync(waiting.Id, TenantA, Ct));

        var deleted = await hooks.DeleteFinishedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        Assert.Equal(1, deleted);
        Assert.Empty(await hooks.ListEventsAsync(done.Id, Ct));
        Assert.Single(await hooks.ListEventsAsync(waiting.Id, Ct));
        Assert.Empty(await hooks.ListAttemptsAsync(new WebhookLogQuery(TenantA, done.Id), Ct));
    }
}
