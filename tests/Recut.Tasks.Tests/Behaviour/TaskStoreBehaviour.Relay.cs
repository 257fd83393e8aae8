using Recut.Tasks.Relay;

namespace Recut.Tasks.Tests.Behaviour;

/// <summary>
/// The relay's state in the task database: per-task records written compare-and-set on their version, and the per-key
/// create gates (lease rows). A second store instance on the same database stands in for a second process.
/// </summary>
public abstract partial class TaskStoreBehaviour
{
    private static readonly TimeSpan GateTtl = TimeSpan.FromSeconds(30);

    /// <summary>A relay state store with a database (pool) of its own, on the same database as <see cref="Store"/>.</summary>
    protected abstract SqlRelayStateStore OpenRelayStore(TimeProvider time);

    /// <summary>Create-gate leases with a database (pool) of their own, on the same database as <see cref="Store"/>.</summary>
    protected abstract SqlCreateGateLeases OpenGateLeases(TimeProvider time);

    private static RelayState NewRelayState(Guid? task = null, string key = "key-1") => new()
    {
        TaskId = task ?? Guid.NewGuid(),
        KeyId = key,
        CreateStartedAt = Start.AddSeconds(1),
        Uploads = new Dictionary<string, string> { ["http://files/v.mp4"] = "oss://dashscope-instant/v.mp4", ["http://files/r.png"] = "oss://d/r.png" },
        UploadedAt = Start,
    };

    [Fact]
    public async Task A_relay_state_is_written_once_then_read_back_whole_with_version_one()
    {
        var relay = OpenRelayStore(Time);
        var state = NewRelayState();
        Assert.Null(await relay.ReadAsync(state.TaskId, Ct));

        var stored = await relay.TryWriteAsync(state, Ct);

        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(Start, stored.UpdatedAt);
        var read = await relay.ReadAsync(state.TaskId, Ct);
        Assert.NotNull(read);
        Assert.Equal((state.KeyId, state.CreateStartedAt, state.UploadedAt, 1L), (read.KeyId, read.CreateStartedAt, read.UploadedAt, read.Version));
        Assert.Null(read.UpstreamTaskId);
        Assert.Equal(state.Uploads.OrderBy(u => u.Key), read.Uploads.OrderBy(u => u.Key));
    }

    [Fact]
    public async Task A_write_from_a_version_someone_else_moved_on_changes_nothing()
    {
        var relay = OpenRelayStore(Time);
        var otherProcess = OpenRelayStore(Time);
        var v1 = (await relay.TryWriteAsync(NewRelayState(), Ct))!;

        // Both workers read version 1; the new lease holder records its upstream task first.
        var winner = await otherProcess.TryWriteAsync(v1 with { UpstreamTaskId = "up-new", CreateRequestId = "req-new" }, Ct);
        var stale = await relay.TryWriteAsync(v1 with { CreateStartedAt = null, Uploads = new Dictionary<string, string>() }, Ct);

        Assert.Equal(2, winner?.Version);
        Assert.Null(stale);
        var read = (await relay.ReadAsync(v1.TaskId, Ct))!;
        Assert.Equal(("up-new", "req-new", 2L, 2), (read.UpstreamTaskId, read.CreateRequestId, read.Version, read.Uploads.Count));
        // From what it reads now, the stale worker may write again.
        Assert.Equal(3, (await relay.TryWriteAsync(read with { CreateRequestId = "req-again" }, Ct))?.Version);
    }

    [Fact]
    public async Task A_first_write_loses_to_a_row_that_already_exists_and_an_unknown_version_never_inserts()
    {
        var relay = OpenRelayStore(Time);
        var state = NewRelayState();
        Assert.NotNull(await relay.TryWriteAsync(state, Ct));

        Assert.Null(await relay.TryWriteAsync(state with { KeyId = "key-2" }, Ct));
        Assert.Null(await relay.TryWriteAsync(NewRelayState() with { Version = 4 }, Ct)); // no row at version 4 to update
        Assert.Equal("key-1", (await relay.ReadAsync(state.TaskId, Ct))?.KeyId);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => relay.TryWriteAsync(state with { Version = -1 }, Ct));
    }

    [Fact]
    public async Task Of_writers_racing_from_one_version_in_two_processes_exactly_one_wins()
    {
        var stores = new[] { OpenRelayStore(Time), OpenRelayStore(Time) };
        var first = NewRelayState();
        var inserted = await RunConcurrentlyAsync(8, i => stores[i % 2].TryWriteAsync(first with { KeyId = $"key-{i}" }, Ct));
        var v1 = Assert.Single(inserted, s => s is not null)!;

        var updated = await RunConcurrentlyAsync(8, i => stores[i % 2].TryWriteAsync(v1 with { UpstreamTaskId = $"up-{i}" }, Ct));

        var winner = Assert.Single(updated, s => s is not null)!;
        Assert.Equal(winner.UpstreamTaskId, (await stores[0].ReadAsync(first.TaskId, Ct))?.UpstreamTaskId);
        Assert.Equal(2, (await stores[1].ReadAsync(first.TaskId, Ct))?.Version);
    }

    [Fact]
    public async Task Claimed_upstream_ids_are_those_of_every_process_and_retention_deletes_only_old_records()
    {
        var relay = OpenRelayStore(Time);
        var other = OpenRelayStore(Time);
        var old = (await relay.TryWriteAsync(NewRelayState() with { UpstreamTaskId = "up-old" }, Ct))!;
        Time.Advance(TimeSpan.FromHours(2));
        await other.TryWriteAsync(NewRelayState() with { UpstreamTaskId = "up-new" }, Ct);
        var unclaimed = (await other.TryWriteAsync(NewRelayState(), Ct))!;

        Assert.Equal(["up-new", "up-old"], (await relay.ClaimedUpstreamIdsAsync(Ct)).Order());

        Assert.Equal(1, await relay.DeleteWrittenBeforeAsync(Start.AddHours(1), Ct));
        Assert.Null(await relay.ReadAsync(old.TaskId, Ct));
        Assert.NotNull(await relay.ReadAsync(unclaimed.TaskId, Ct));
        Assert.Equal(["up-new"], await other.ClaimedUpstreamIdsAsync(Ct));
        Assert.Equal(0, await relay.DeleteWrittenBeforeAsync(Start.AddHours(1), Ct));
    }

    [Fact]
    public async Task A_gate_lease_is_one_holders_per_key_until_released_or_expired()
    {
        var one = OpenGateLeases(Time);
        var other = OpenGateLeases(Time);

        Assert.True(await one.TryTakeAsync("key-1", "p1", GateTtl, Ct));
        Assert.True(await one.TryTakeAsync("key-1", "p1", GateTtl, Ct)); // the holder asking again keeps it
        Assert.False(await other.TryTakeAsync("key-1", "p2", GateTtl, Ct));
        Assert.True(await other.TryTakeAsync("key-2", "p2", GateTtl, Ct)); // another key: no waiting
        Assert.Equal("p1", (await other.HolderAsync("key-1", Ct))?.Holder);

        // Renewed, it outlives its first expiry; unrenewed (the holder was killed), it expires.
        Time.Advance(GateTtl - TimeSpan.FromSeconds(1));
        Assert.True(await one.RenewAsync("key-1", "p1", GateTtl, Ct));
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await other.TryTakeAsync("key-1", "p2", GateTtl, Ct));
        Time.Advance(GateTtl);
        Assert.True(await other.TryTakeAsync("key-1", "p2", GateTtl, Ct));

        // The old holder neither renews nor frees what is someone else's now.
        Assert.False(await one.RenewAsync("key-1", "p1", GateTtl, Ct));
        await one.ReleaseAsync("key-1", "p1", Ct);
        Assert.Equal("p2", (await one.HolderAsync("key-1", Ct))?.Holder);
        await other.ReleaseAsync("key-1", "p2", Ct);
        Assert.Null(await one.HolderAsync("key-1", Ct));
        Assert.True(await one.TryTakeAsync("key-1", "p1", GateTtl, Ct));
    }

    [Fact]
    public async Task Of_processes_racing_for_a_free_or_expired_gate_exactly_one_takes_it()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => OpenGateLeases(Time)).ToArray();
        var free = await RunConcurrentlyAsync(8, i => stores[i % 4].TryTakeAsync("key-race", $"p{i}", GateTtl, Ct));
        Assert.Single(free, taken => taken);

        Time.Advance(GateTtl + TimeSpan.FromSeconds(1));
        var expired = await RunConcurrentlyAsync(8, i => stores[i % 4].TryTakeAsync("key-race", $"q{i}", GateTtl, Ct));
        Assert.Single(expired, taken => taken);
        Assert.StartsWith("q", (await stores[0].HolderAsync("key-race", Ct))?.Holder, StringComparison.Ordinal);
    }

    // The gate itself waits on the real clock: these use short leases and TimeProvider.System.

    [Fact]
    public async Task The_create_gate_makes_a_second_process_wait_for_the_same_key_but_not_for_another()
    {
        var one = new CreateGate(OpenGateLeases(TimeProvider.System), GateTtl, TimeProvider.System, "process-1");
        var two = new CreateGate(OpenGateLeases(TimeProvider.System), GateTtl, TimeProvider.System, "process-2");

        var held = await one.EnterAsync("key-1", Ct);
        var sameKey = two.EnterAsync("key-1", Ct);
        await using (await two.EnterAsync("key-2", Ct).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            await Task.Delay(500);
            Assert.False(sameKey.IsCompleted, "a second process entered a gate that was held");
        }
        await held.DisposeAsync();

        await using var second = await sameKey.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("process-2:", second.Holder, StringComparison.Ordinal);
        Assert.Equal(second.Holder, (await OpenGateLeases(TimeProvider.System).HolderAsync("key-1", Ct))?.Holder);
    }

    [Fact]
    public async Task The_create_gate_of_a_killed_holder_opens_when_its_lease_expires()
    {
        // What a kill -9 leaves: a lease row nobody renews or releases.
        var ttl = TimeSpan.FromSeconds(1.5);
        Assert.True(await OpenGateLeases(TimeProvider.System).TryTakeAsync("key-1", "killed:42:x", ttl, Ct));
        var gate = new CreateGate(OpenGateLeases(TimeProvider.System), ttl, TimeProvider.System);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var pass = await gate.EnterAsync("key-1", Ct).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(clock.Elapsed, ttl - TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_wait_for_the_gate_ends_when_canceled_and_leaves_the_gate_usable()
    {
        var one = new CreateGate(OpenGateLeases(TimeProvider.System), GateTtl, TimeProvider.System);
        var two = new CreateGate(OpenGateLeases(TimeProvider.System), GateTtl, TimeProvider.System);
        var held = await one.EnterAsync("key-1", Ct);

        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => two.EnterAsync("key-1", cts.Token));
        }
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            // In the same process the second caller queues in memory; canceled there too.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => one.EnterAsync("key-1", cts.Token));
        }
        await held.DisposeAsync();
        await held.DisposeAsync(); // twice is harmless

        await using (await two.EnterAsync("key-1", Ct).WaitAsync(TimeSpan.FromSeconds(30)))
        {
        }
        await using (await one.EnterAsync("key-1", Ct).WaitAsync(TimeSpan.FromSeconds(30)))
        {
        }
    }

    [Fact]
    public async Task A_held_gate_is_renewed_past_its_lease_and_reports_when_another_took_it()
    {
        // Renewed every second; a loaded machine may delay a renewal by up to two before the lease would lapse.
        var ttl = TimeSpan.FromSeconds(3);
        var one = new CreateGate(OpenGateLeases(TimeProvider.System), ttl, TimeProvider.System);
        var two = new CreateGate(OpenGateLeases(TimeProvider.System), ttl, TimeProvider.System);
        var held = await one.EnterAsync("key-1", Ct);

        using (var cts = new CancellationTokenSource(ttl * 2))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => two.EnterAsync("key-1", cts.Token));
        }
        Assert.False(held.Lost.IsCancellationRequested);

        // A process whose clock says the lease is long over (as it would be after this one stalled) takes the gate:
        // the holder's next renewal finds the row someone else's.
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.True(await OpenGateLeases(later).TryTakeAsync("key-1", "after-the-stall", ttl, Ct));
        await Task.Delay(Timeout.Infinite, held.Lost).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(held.Lost.IsCancellationRequested);

        await held.DisposeAsync();
        Assert.Equal("after-the-stall", (await OpenGateLeases(TimeProvider.System).HolderAsync("key-1", Ct))?.Holder);
    }
}
