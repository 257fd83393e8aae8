using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Recut.Protocol.Requests;
using Recut.Tasks.Sql;
using Recut.Tasks.Sqlite;

namespace Recut.Tasks.Tests.Sqlite;

/// <summary>
/// The group commit on a real SQLite file. Batches are shaped without timing: a first unit waits on a gate, so the batch
/// it is in stays open while the next units queue; opening the gate commits it, and the queued units form the next batch.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime, IDisposable
{
    private static CancellationToken Ct => CancellationToken.None;

    private readonly TempFolder _folder = new();
    private readonly ConcurrentQueue<int> _batches = new();
    private SqliteProvider _db = null!;

    private string DbPath => Path.Combine(_folder.Path, "tasks.db");

    private GroupCommit Writes => _db.Writes;

    public async Task InitializeAsync()
    {
        _db = new SqliteProvider(DbPath);
        await _db.PrepareAsync(Ct);
        await using var connection = await _db.OpenAsync(Ct);
        await connection.ExecuteAsync(null, """
            CREATE TABLE t (x INTEGER PRIMARY KEY);
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (pid INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            """, _ => { }, Ct);
        Writes.BatchCommitted += _batches.Enqueue;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Units_queued_together_share_one_commit_and_none_is_answered_before_it()
    {
        var first = await HoldBatchOpenAsync();
        var early = Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, 1), Ct);
        var lastStarted = Signal();
        var lastGate = Signal();
        var last = Writes.RunAsync(async (c, tx, t) =>
        {
            lastStarted.SetResult();
            await lastGate.Task;
            return await InsertAsync(c, tx, 2);
        }, Ct);

        first.Release();
        await first.Answer;
        await lastStarted.Task; // the second batch has run `early` and waits inside `last`

        Assert.False(early.IsCompleted);
        Assert.Equal(0L, await CountAsync("x = 1")); // written but not committed: nobody may have been told it is stored

        lastGate.SetResult();
        Assert.Equal("1", await early);
        Assert.Equal("2", await last);
        Assert.Equal(2L, await CountAsync("x IN (1, 2)"));
        Assert.Equal([1, 2], _batches.ToArray());
    }

    [Fact]
    public async Task Many_parallel_units_are_all_stored_in_few_batches()
    {
        var first = await HoldBatchOpenAsync();
        var units = Enumerable.Range(1, 100).Select(i => Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, i), Ct)).ToList();

        first.Release();
        var answers = await Task.WhenAll(units);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), answers);
        Assert.Equal(100L, await CountAsync("x BETWEEN 1 AND 100"));
        Assert.Equal([1, 100], _batches.ToArray());
    }

    [Fact]
    public async Task A_failing_unit_fails_alone_and_keeps_nothing_while_the_rest_of_its_batch_commits()
    {
        var first = await HoldBatchOpenAsync();
        var before = Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, 1), Ct);
        var throws = Writes.RunAsync<string>(async (c, tx, t) =>
        {
            await InsertAsync(c, tx, 2);
            throw new InvalidOperationException("refused");
        }, Ct);
        var badSql = Writes.RunAsync(async (c, tx, t) =>
        {
            await InsertAsync(c, tx, 3);
            return await InsertAsync(c, tx, 1); // the primary key refuses a second 1
        }, Ct);
        var nothingKept = Writes.RunAsync<string>(async (c, tx, t) =>
        {
            await InsertAsync(c, tx, 4);
            return null;
        }, Ct);
        var after = Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, 5), Ct);

        first.Release();

        Assert.Equal("1", await before);
        Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => throws)).Message);
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => badSql)).SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Null(await nothingKept);
        Assert.Equal("5", await after);
        Assert.Equal(0L, await CountAsync("x IN (2, 3, 4)"));
        Assert.Equal(2L, await CountAsync("x IN (1, 5)"));
        Assert.Equal([1, 5], _batches.ToArray());
    }

    [Fact]
    public async Task A_commit_that_fails_fails_every_unit_of_its_batch_and_stores_none_of_them()
    {
        var first = await HoldBatchOpenAsync();
        var fine = Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, 1), Ct);
        // A deferred foreign key is checked only at COMMIT: this unit passes, the commit does not.
        var orphan = Writes.RunAsync<string>(async (c, tx, t) =>
        {
            await c.ExecuteAsync(tx, "INSERT INTO child (pid) VALUES (99);", _ => { }, t);
            return "orphan";
        }, Ct);

        first.Release();

        await Assert.ThrowsAsync<SqliteException>(() => fine);
        await Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.Equal(0L, await CountAsync("x = 1"));
        Assert.Equal("2", await Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, 2), Ct)); // the next batch is unaffected
    }

    [Fact]
    public async Task A_unit_canceled_while_queued_is_withdrawn_and_never_runs()
    {
        var first = await HoldBatchOpenAsync();
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var withdrawn = Writes.RunAsync((c, tx, t) =>
        {
            ran = true;
            return InsertAsync(c, tx, 1);
        }, cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        first.Release();
        await first.Answer;
        Assert.Equal("2", await Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, 2), Ct));

        Assert.False(ran);
        Assert.Equal(0L, await CountAsync("x = 1"));
    }

    [Fact]
    public async Task A_unit_canceled_after_its_batch_took_it_is_answered_with_the_commit()
    {
        using var cancel = new CancellationTokenSource();
        var held = await HoldBatchOpenAsync(cancel.Token);

        await cancel.CancelAsync();
        held.Release();

        Assert.Equal("0", await held.Answer);
        Assert.Equal(1L, await CountAsync("x = 0"));
    }

    [Fact]
    public async Task Closing_commits_what_is_queued_and_refuses_new_work()
    {
        var first = await HoldBatchOpenAsync();
        var queued = Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, 1), Ct);

        var closing = Writes.DisposeAsync();
        first.Release();
        await closing;

        Assert.Equal("1", await queued);
        Assert.Equal(1L, await CountAsync("x = 1"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Writes.RunAsync((c, tx, t) => InsertAsync(c, tx, 2), Ct));
    }

    [Fact]
    public async Task Creates_with_one_idempotency_key_in_one_batch_make_one_task_and_a_different_body_is_a_conflict()
    {
        var store = await OpenTaskStoreAsync();
        var first = await HoldBatchOpenAsync();
        var winner = store.CreateAsync(NewTask("k", "make it blue"), Ct);
        var repeat = store.CreateAsync(NewTask("k", "make it blue"), Ct);
        var conflict = store.CreateAsync(NewTask("k", "make it red"), Ct);
        var unrelated = store.CreateAsync(NewTask(null, "make it green"), Ct);

        first.Release();

        var created = await winner;
        Assert.True(created.Created);
        var repeated = await repeat;
        Assert.False(repeated.Created);
        Assert.Equal(created.Task.Id, repeated.Task.Id);
        await Assert.ThrowsAsync<IdempotencyConflictException>(() => conflict);
        Assert.True((await unrelated).Created);
        Assert.Equal(2L, await CountAsync("1 = 1", "tasks"));
        Assert.Equal(4, _batches.Skip(1).First()); // all four met in one batch
    }

    [Fact]
    public async Task A_queue_cap_counts_the_creates_before_it_in_the_same_batch()
    {
        var store = await OpenTaskStoreAsync();
        var first = await HoldBatchOpenAsync();
        var limits = new QueueLimits(PerTenant: 2, Total: 0);
        var creates = Enumerable.Range(0, 3)
            .Select(i => store.CreateAsync(NewTask(null, $"edit {i}") with { Queue = limits }, Ct)).ToList();

        first.Release();

        Assert.True((await creates[0]).Created);
        Assert.True((await creates[1]).Created);
        await Assert.ThrowsAsync<QueueFullException>(() => creates[2]);
        Assert.Equal(2L, await CountAsync("1 = 1", "tasks"));
        Assert.Equal(3, _batches.Skip(1).First());
    }

    [Fact]
    public async Task Tried_whole_a_batch_with_a_failing_unit_runs_again_in_savepoints_and_only_that_unit_fails()
    {
        await using var writes = new GroupCommit(_db.OpenAsync, _db.BeginWriteAsync, wholeBatchFirst: true);
        var batches = new ConcurrentQueue<int>();
        writes.BatchCommitted += batches.Enqueue;
        var runs = new ConcurrentQueue<string>();
        var first = await HoldBatchOpenAsync(writes);
        var before = writes.RunAsync((c, tx, t) =>
        {
            runs.Enqueue("before");
            return InsertAsync(c, tx, 1);
        }, Ct);
        var throws = writes.RunAsync<string>(async (c, tx, t) =>
        {
            runs.Enqueue("throws");
            await InsertAsync(c, tx, 2);
            throw new InvalidOperationException("refused");
        }, Ct);
        var nothingKept = writes.RunAsync<string>(async (c, tx, t) =>
        {
            runs.Enqueue("nothing kept");
            await InsertAsync(c, tx, 3);
            return null;
        }, Ct);
        var after = writes.RunAsync((c, tx, t) =>
        {
            runs.Enqueue("after");
            return InsertAsync(c, tx, 4);
        }, Ct);

        first.Release();

        Assert.Equal("1", await before);
        Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => throws)).Message);
        Assert.Null(await nothingKept);
        Assert.Equal("4", await after);
        Assert.Equal(0L, await CountAsync("x IN (2, 3)"));
        Assert.Equal(2L, await CountAsync("x IN (1, 4)"));
        // Whole: stopped at the first unit that threw, rolled back; then every unit once more, each in its savepoint.
        Assert.Equal(["before", "throws", "before", "throws", "nothing kept", "after"], runs.ToArray());
        Assert.Equal([1, 4], batches.ToArray());
    }

    [Fact]
    public async Task Tried_whole_a_batch_whose_units_all_keep_their_work_runs_each_unit_once_in_order_key_order()
    {
        await using var writes = new GroupCommit(_db.OpenAsync, _db.BeginWriteAsync, wholeBatchFirst: true);
        var runs = new ConcurrentQueue<int>();
        var first = await HoldBatchOpenAsync(writes);
        // Keys b, a, b, a in arrival order: the batch runs a, a, b, b, arrival order kept among equal keys.
        var units = new[] { (1, "b"), (2, "a"), (3, "b"), (4, "a") }.Select(u => writes.RunAsync((c, tx, t) =>
        {
            runs.Enqueue(u.Item1);
            return InsertAsync(c, tx, u.Item1);
        }, Ct, orderKey: u.Item2)).ToList();

        first.Release();
        await Task.WhenAll(units);

        Assert.Equal([2, 4, 1, 3], runs.ToArray());
        Assert.Equal(4L, await CountAsync("x BETWEEN 1 AND 4"));
    }

    private async Task<SqlTaskStore> OpenTaskStoreAsync()
    {
        var store = new SqlTaskStore(_db, new FakeTimeProvider(new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero)));
        await store.InitializeAsync(Ct);
        _batches.Clear(); // the migration was a write of its own
        return store;
    }

    private static NewEditTask NewTask(string? key, string prompt) => new("tenant-a", new EditRequest
    {
        Model = EditRequest.ModelId,
        Prompt = prompt,
        VideoUrl = "https://example.com/in.mp4",
        Dialect = Dialect.DashScope,
    }, "req-" + Guid.NewGuid().ToString("N"), key, "hash:" + prompt);

    /// <summary>Queues a unit (it writes x = 0) that waits inside its batch until released.</summary>
    private Task<HeldBatch> HoldBatchOpenAsync(CancellationToken ct = default) => HoldBatchOpenAsync(Writes, ct);

    private static async Task<HeldBatch> HoldBatchOpenAsync(GroupCommit writes, CancellationToken ct = default)
    {
        var started = Signal();
        var gate = Signal();
        var answer = writes.RunAsync(async (c, tx, t) =>
        {
            started.SetResult();
            await gate.Task;
            return await InsertAsync(c, tx, 0);
        }, ct);
        await started.Task;
        return new HeldBatch(gate, answer);
    }

    private sealed record HeldBatch(TaskCompletionSource Gate, Task<string?> Answer)
    {
        public void Release() => Gate.SetResult();
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task<string?> InsertAsync(DbConnection connection, DbTransaction tx, int x)
    {
        await connection.ExecuteAsync(tx, "INSERT INTO t (x) VALUES (@x);", c => c.WithInt("@x", x), Ct);
        return x.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Counted on a connection of its own, outside any batch: what another reader would see.</summary>
    private async Task<long> CountAsync(string where, string table = "t")
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where};";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
