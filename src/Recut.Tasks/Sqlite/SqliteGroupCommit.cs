using System.Data.Common;
using System.Threading.Channels;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// Group commit for SQLite writes: callers queue a unit of work, one loop runs every queued unit in one write
/// transaction (BEGIN IMMEDIATE … COMMIT, so one WAL sync for the batch) and answers each caller only after that commit.
/// Each unit runs inside its own savepoint: a unit that throws, or that returns null (it decided to keep nothing, e.g. an
/// insert its unique index refused), is rolled back alone and the others still commit. Units see the writes of the units
/// before them in the batch, so counts taken inside a unit (queue caps, quotas) stay exact. A commit that fails fails every
/// unit of its batch: none was answered, so nothing acknowledged is lost, on an error or a kill -9 alike.
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    /// <summary>Bounds how long one batch holds the write lock, so the workers' leases and heartbeats get their turn.</summary>
    internal const int MaxBatch = 256;

    private const string Savepoint = "unit";

    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly Func<DbConnection, DbTransaction> _begin;
    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <param name="open">An open connection with the store's settings (busy_timeout); one per batch.</param>
    /// <param name="begin">Starts the batch's write transaction on it.</param>
    public SqliteGroupCommit(Func<CancellationToken, ValueTask<DbConnection>> open, Func<DbConnection, DbTransaction> begin)
    {
        _open = open;
        _begin = begin;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Raised with its size after each batch has committed or failed (tests tell the batches apart by it).</summary>
    internal event Action<int>? BatchCommitted;

    /// <summary>
    /// Runs <paramref name="work"/> in the next batch and returns its result once the batch is committed. A cancellation
    /// that arrives while the unit still waits in the queue withdraws it (nothing is written); once its batch has taken it,
    /// the caller waits for the commit's outcome, so "canceled" always means "not stored".
    /// </summary>
    public async Task<T?> RunAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T?>> work, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(work);
        ct.ThrowIfCancellationRequested();
        var unit = new Unit<T>(work);
        if (!_queue.Writer.TryWrite(unit))
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommit), "The SQLite store is closing; the write was not queued.");
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
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Unit>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var unit))
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
        try
        {
            await using var connection = await _open(ct).ConfigureAwait(false);
            await using var tx = _begin(connection);
            foreach (var unit in batch)
            {
                await tx.SaveAsync(Savepoint, ct).ConfigureAwait(false);
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
                // A failure that ended the whole transaction (I/O, disk full) makes this throw: the batch fails below.
                if (keep)
                {
                    await tx.ReleaseAsync(Savepoint, ct).ConfigureAwait(false);
                }
                else
                {
                    await tx.RollbackAsync(Savepoint, ct).ConfigureAwait(false);
                    await tx.ReleaseAsync(Savepoint, ct).ConfigureAwait(false);
                }
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
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

    /// <summary>One caller's work and its answer; queued → taken by a batch, or queued → withdrawn by its caller.</summary>
    private abstract class Unit
    {
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

    private sealed class Unit<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T?>> work) : Unit
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
