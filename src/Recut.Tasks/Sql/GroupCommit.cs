using System.Data.Common;
using System.Threading.Channels;

namespace Recut.Tasks.Sql;

/// <summary>
/// Group commit: callers queue a unit of work, one loop runs every queued unit in one write transaction (one WAL sync
/// for the batch) and answers each caller only after that commit. SQLite sends every write through one (it has one
/// writer at a time anyway); PostgreSQL sends its creates through one, so a burst of creates costs one transaction and
/// one commit instead of one each, and waits in a first-come queue instead of on a full CPU in no order.
/// Each unit runs inside its own savepoint: a unit that throws, or that returns null (it decided to keep nothing, e.g. an
/// insert its unique index refused), is rolled back alone and the others still commit. Units see the writes of the units
/// before them in the batch, so counts taken inside a unit (queue caps, quotas) stay exact. A commit that fails fails every
/// unit of its batch: none was answered, so nothing acknowledged is lost, on an error or a kill -9 alike.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>Bounds how long one batch holds the write lock, so the workers' leases and heartbeats get their turn.</summary>
    internal const int DefaultMaxBatch = 256;

    private const string Savepoint = "unit";

    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly Func<DbConnection, CancellationToken, ValueTask<DbTransaction>> _begin;
    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions());
    private readonly int _maxBatch;
    private readonly bool _wholeBatchFirst;
    private readonly Task[] _loops;

    /// <param name="open">An open connection with the store's settings (SQLite's busy_timeout); one per batch.</param>
    /// <param name="begin">Starts the batch's write transaction on it.</param>
    /// <param name="writers">Batches in flight at once, each on its own connection (SQLite: one, it has one writer).</param>
    /// <param name="maxBatch">Units in one transaction at most.</param>
    /// <param name="wholeBatchFirst">
    /// Try each batch without savepoints first, and in savepoints only when a unit throws or keeps nothing (the units are
    /// run again: their work must be safe to repeat after a rollback).
    /// </param>
    public GroupCommit(Func<CancellationToken, ValueTask<DbConnection>> open, Func<DbConnection, CancellationToken, ValueTask<DbTransaction>> begin,
        int writers = 1, int maxBatch = DefaultMaxBatch, bool wholeBatchFirst = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _open = open;
        _begin = begin;
        _maxBatch = maxBatch;
        _wholeBatchFirst = wholeBatchFirst;
        _loops = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>Raised with its size after each batch has committed or failed (tests tell the batches apart by it).</summary>
    internal event Action<int>? BatchCommitted;

    /// <summary>
    /// Runs <paramref name="work"/> in the next batch and returns its result once the batch is committed. A cancellation
    /// that arrives while the unit still waits in the queue withdraws it (nothing is written); once its batch has taken it,
    /// the caller waits for the commit's outcome, so "canceled" always means "not stored".
    /// </summary>
    /// <param name="orderKey">
    /// Units run in this order within a batch (ordinal; arrival order among equals): the rows and locks a unit takes, e.g.
    /// its tenant, so that concurrent batches take them in one order.
    /// </param>
    public async Task<T?> RunAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T?>> work, CancellationToken ct,
        string orderKey = "")
        where T : class
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(orderKey);
        ct.ThrowIfCancellationRequested();
        var unit = new Unit<T>(work, orderKey);
        if (!_queue.Writer.TryWrite(unit))
        {
            throw new ObjectDisposedException(nameof(GroupCommit), "The task store is closing; the write was not queued.");
        }
        await using (ct.Register(static u => ((Unit)u!).TryWithdraw(), unit))
        {
            return await unit.Result.ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking work, commits what is queued, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Unit>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var unit))
            {
                if (unit.TryTake())
                {
                    batch.Add(unit);
                }
            }
            if (batch.Count == 0)
            {
                continue;
            }
            await CommitAsync(batch).ConfigureAwait(false);
            BatchCommitted?.Invoke(batch.Count);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Unit> batch)
    {
        // The batch runs to its end whoever stops waiting: its units were taken, so their callers wait for this outcome.
        var ct = CancellationToken.None;
        // Locks in one order in every batch (the tenant's advisory lock, its quota row, an idempotency key's index entry), so
        // two batches, in this process or another, never wait for each other in a cycle. Stable: arrival order within a key.
        var ordered = batch.OrderBy(u => u.OrderKey, StringComparer.Ordinal).ToList();
        try
        {
            if (!_wholeBatchFirst || !await TryWholeBatchAsync(ordered, ct).ConfigureAwait(false))
            {
                await CommitInSavepointsAsync(ordered, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            foreach (var unit in batch)
            {
                unit.Fail(e);
            }
            return;
        }
        foreach (var unit in batch)
        {
            unit.Deliver();
        }
    }

    /// <summary>
    /// Every unit in one transaction without savepoints (on PostgreSQL a savepoint per unit halves what the database
    /// commits per second). False, with nothing written, as soon as a unit throws or keeps nothing: its writes so far
    /// cannot be undone alone, so the batch is rolled back and run again in savepoints.
    /// </summary>
    private async Task<bool> TryWholeBatchAsync(List<Unit> batch, CancellationToken ct)
    {
        await using var connection = await _open(ct).ConfigureAwait(false);
        await using var tx = await _begin(connection, ct).ConfigureAwait(false);
        foreach (var unit in batch)
        {
            bool keep;
            try
            {
                keep = await unit.RunAsync(connection, tx, ct).ConfigureAwait(false);
            }
            catch (Exception)
            {
                keep = false; // the run in savepoints gives this unit its answer
            }
            if (!keep)
            {
                await tx.RollbackAsync(ct).ConfigureAwait(false);
                return false;
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Each unit in its own savepoint: one that throws or keeps nothing is rolled back alone.</summary>
    private async Task CommitInSavepointsAsync(List<Unit> batch, CancellationToken ct)
    {
        await using var connection = await _open(ct).ConfigureAwait(false);
        await using var tx = await _begin(connection, ct).ConfigureAwait(false);
        await StepAsync(connection, tx, $"SAVEPOINT {Savepoint};").ConfigureAwait(false);
        for (var i = 0; i < batch.Count; i++)
        {
            var unit = batch[i];
            bool keep;
            try
            {
                keep = await unit.RunAsync(connection, tx, ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                unit.Refuse(e);
                keep = false;
            }
            // One statement ends this unit's savepoint and opens the next one's: on PostgreSQL each is a round trip.
            // A failure that ended the whole transaction (I/O, disk full) makes this throw: the batch fails.
            var next = i + 1 < batch.Count ? $" SAVEPOINT {Savepoint};" : "";
            await StepAsync(connection, tx, keep
                ? $"RELEASE SAVEPOINT {Savepoint};{next}"
                : $"ROLLBACK TO SAVEPOINT {Savepoint}; RELEASE SAVEPOINT {Savepoint};{next}").ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task StepAsync(DbConnection connection, DbTransaction tx, string sql)
    {
        await using var command = connection.Command(sql, tx);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>One caller's work and its answer; queued → taken by a batch, or queued → withdrawn by its caller.</summary>
    private abstract class Unit(string orderKey)
    {
        public string OrderKey => orderKey;

        private const int Queued = 0, Taken = 1, Withdrawn = 2;
        private int _state;

        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        public void TryWithdraw()
        {
            if (Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued)
            {
                Cancel();
            }
        }

        /// <summary>Runs the work; false when nothing of it is to be kept.</summary>
        public abstract Task<bool> RunAsync(DbConnection connection, DbTransaction tx, CancellationToken ct);

        /// <summary>The work threw: its exception is the answer, given after the batch commits.</summary>
        public abstract void Refuse(Exception e);

        /// <summary>The batch committed: hand over the result (or the refusal).</summary>
        public abstract void Deliver();

        /// <summary>The batch did not commit: nothing of it is stored.</summary>
        public abstract void Fail(Exception e);

        protected abstract void Cancel();
    }

    private sealed class Unit<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T?>> work, string orderKey) : Unit(orderKey)
        where T : class
    {
        private readonly TaskCompletionSource<T?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _refusal;

        public Task<T?> Result => _answer.Task;

        public override async Task<bool> RunAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
        {
            _result = await work(connection, tx, ct).ConfigureAwait(false);
            return _result is not null;
        }

        public override void Refuse(Exception e) => _refusal = e;

        public override void Deliver()
        {
            if (_refusal is not null)
            {
                _answer.TrySetException(_refusal);
            }
            else
            {
                _answer.TrySetResult(_result);
            }
        }

        public override void Fail(Exception e) => _answer.TrySetException(e);

        protected override void Cancel() => _answer.TrySetCanceled();
    }
}
