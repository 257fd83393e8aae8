using System.Data;
using Npgsql;
using Recut.Protocol.Webhooks;

namespace Recut.Tasks.Postgres;

/// <summary>
/// <see cref="ITaskStore"/> on a PostgreSQL server shared by any number of API and worker processes. Every state
/// change is one compare-and-set UPDATE (READ COMMITTED re-checks the WHERE clause on the row version it finally
/// locks); leasing picks with <c>FOR UPDATE SKIP LOCKED</c> so workers never queue behind each other; the per-tenant
/// running limit and the retention sweep are serialised across processes with advisory locks.
/// Lifecycle operations (leasing, heartbeats, completion) live in PostgresTaskStore.Leasing.cs.
/// </summary>
public sealed partial class PostgresTaskStore : ITaskStore, IAsyncDisposable, IDisposable
{
    /// <summary>How long an idempotency key stays bound to its task; the API's 24 h (API.md §2).</summary>
    public static readonly TimeSpan DefaultIdempotencyWindow = TimeSpan.FromHours(24);

    /// <summary>A create that lost an insert race reads the winner on its next round; more rounds mean something is wrong.</summary>
    private const int CreateRounds = 5;

    private readonly PostgresDataSources.Lease _pool;
    private readonly NpgsqlDataSource _db;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idempotencyWindow;

    /// <param name="connectionString">Npgsql key=value form or a postgresql:// URI (see <see cref="PostgresConnectionString"/>).</param>
    /// <param name="time">Source of every "now" the store writes or compares (not the server's clock, so tests can move it).</param>
    /// <param name="idempotencyWindow">After this, a repeated key starts a new task; default 24 h.</param>
    public PostgresTaskStore(string connectionString, TimeProvider time, TimeSpan? idempotencyWindow = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        // Shared with the other store on this connection string: one pool per process (PostgresDataSources).
        _pool = PostgresDataSources.Acquire(connectionString);
        _db = _pool.Source;
        _time = time;
        _idempotencyWindow = idempotencyWindow ?? DefaultIdempotencyWindow;
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await PostgresMigrator.ApplyAsync(connection, PostgresTaskSchema.Migrations, _time, ct);
    }

    public async Task<CreateOutcome> CreateAsync(NewEditTask task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(task.TenantId);
        for (var round = 1; round <= CreateRounds; round++)
        {
            var now = PgTime.Now(_time);
            if (task.IdempotencyKey is { } key && await RepeatOutcomeAsync(task, key, now, ct) is { } repeat)
            {
                return repeat;
            }
            EditTask? created;
            try
            {
                created = await TryInsertAsync(task, now, ct);
            }
            catch (Exception e) when (e is DailyQuotaExceededException or QueueFullException && task.IdempotencyKey is not null)
            {
                // A concurrent create with the same key and body may have taken the last task of the quota (or the
                // last place in the queue): then this request is that task. Otherwise the refusal stands.
                if (await RepeatOutcomeAsync(task, task.IdempotencyKey, now, ct) is { } raced)
                {
                    return raced;
                }
                throw;
            }
            if (created is not null)
            {
                return new CreateOutcome(created, Created: true);
            }
            // A concurrent create with the same key inserted first (the unique index said so): the next round reads it.
        }
        throw new InvalidOperationException(
            $"Could not create a task for Idempotency-Key '{task.IdempotencyKey}' after {CreateRounds} rounds of concurrent inserts.");
    }

    /// <summary>
    /// The answer to a repeated idempotency key within the window: the existing task, or a conflict when the body
    /// differs. Null when the key is unused or has expired (then it is released for the new task).
    /// </summary>
    private async Task<CreateOutcome?> RepeatOutcomeAsync(NewEditTask task, string key, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await FindByKeyAsync(task.TenantId, key, ct);
        if (existing is not null && existing.Value.Task.SubmitTime > now - _idempotencyWindow)
        {
            return string.Equals(existing.Value.Hash, task.RequestHash, StringComparison.Ordinal)
                ? new CreateOutcome(existing.Value.Task, Created: false)
                : throw new IdempotencyConflictException(key);
        }
        if (existing is not null)
        {
            // Outside the window the key is free again; the old task lives on until the retention sweep.
            await using var release = _db.CreateCommand("UPDATE tasks SET idempotency_key = NULL WHERE id = @id AND idempotency_key = @key;")
                .With("id", existing.Value.Task.Id).WithText("key", key);
            await release.ExecuteNonQueryAsync(ct);
        }
        return null;
    }

    public async Task<EditTask?> GetAsync(Guid id, string tenantId, CancellationToken ct)
    {
        await using var command = _db.CreateCommand($"SELECT {PostgresTaskRow.Columns} FROM tasks WHERE id = @id AND tenant_id = @tenant;")
            .With("id", id).WithText("tenant", tenantId);
        return await PostgresTaskRow.ReadOneAsync(command, ct);
    }

    public async Task<bool> CancelAsync(Guid id, string tenantId, CancellationToken ct)
    {
        await using var command = _db.CreateCommand("""
            UPDATE tasks SET status = 'CANCELED', end_time = @now
            WHERE id = @id AND tenant_id = @tenant AND status = 'PENDING';
            """).With("id", id).WithText("tenant", tenantId).WithTime("now", PgTime.Now(_time));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<TaskPage> ListAsync(TaskQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageNo, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);

        var where = "tenant_id = @tenant AND submit_time >= @from AND submit_time <= @to"
            + (query.TaskId is null ? "" : " AND id = @id")
            + (query.Status is null ? "" : " AND status = @status")
            + (query.ModelName is null ? "" : " AND model_name = @model");
        // One statement is one snapshot, so the total and the page agree; the LEFT JOIN keeps the total row
        // when the page is past the end.
        await using var command = _db.CreateCommand($"""
            SELECT c.total, p.* FROM (SELECT count(*) AS total FROM tasks WHERE {where}) c
            LEFT JOIN LATERAL (
                SELECT {PostgresTaskRow.Columns} FROM tasks WHERE {where}
                ORDER BY submit_time DESC, seq DESC LIMIT @limit OFFSET @offset
            ) p ON true;
            """)
            .WithText("tenant", query.TenantId).WithTime("from", query.From).WithTime("to", query.To)
            .With("limit", query.PageSize).With("offset", (long)(query.PageNo - 1) * query.PageSize);
        if (query.TaskId is { } id)
        {
            command.With("id", id);
        }
        if (query.Status is { } status)
        {
            command.WithText("status", status.Wire());
        }
        if (query.ModelName is { } model)
        {
            command.WithText("model", model);
        }

        var items = new List<EditTask>();
        var total = 0L;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            total = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                items.Add(PostgresTaskRow.Read(reader, at: 1));
            }
        }
        return new TaskPage(items, checked((int)total), query.PageNo, query.PageSize);
    }

    public async Task<IReadOnlyList<EditTask>> DeleteSubmittedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await using (var tryLock = new NpgsqlCommand($"SELECT {PostgresLocks.TryRetention};", connection, tx))
        {
            if (await tryLock.ExecuteScalarAsync(ct) is not true)
            {
                // Another process is sweeping right now; its sweep covers ours.
                return [];
            }
        }
        // Only final tasks expire: a PENDING backlog or a RUNNING task is work still owed to a caller. A row someone
        // holds locked this instant is passed over for a later sweep. The outer status test re-checks the row
        // READ COMMITTED finally deletes, should it have changed since the inner select saw it.
        await using var delete = new NpgsqlCommand($"""
            DELETE FROM tasks
            WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELED') AND id IN (
                SELECT id FROM tasks
                WHERE submit_time < @cutoff AND status IN ('SUCCEEDED', 'FAILED', 'CANCELED')
                FOR UPDATE SKIP LOCKED)
            RETURNING {PostgresTaskRow.Columns};
            """, connection, tx).WithTime("cutoff", cutoff);
        List<EditTask> deleted;
        await using (var reader = await delete.ExecuteReaderAsync(ct))
        {
            deleted = await PostgresTaskRow.ReadAllAsync(reader, ct);
        }
        await tx.CommitAsync(ct);
        return deleted;
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    public void Dispose() => _pool.Dispose();

    /// <summary>
    /// The insert and, for a managed key, the charge to its daily quota, in one transaction; null when the idempotency
    /// key's unique index refused the insert (someone was first), which also undoes the charge.
    /// </summary>
    private async Task<EditTask?> TryInsertAsync(NewEditTask task, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await PostgresQueueCap.CheckAsync(connection, tx, task.TenantId, task.Queue, ct);
        await PostgresDailyQuota.ChargeAsync(connection, tx, task.TenantId, now, ct);
        var created = new EditTask
        {
            Id = Guid.NewGuid(),
            TenantId = task.TenantId,
            Request = task.Request,
            RequestId = task.RequestId,
            Status = EditTaskStatus.Pending,
            SubmitTime = now,
            IdempotencyKey = task.IdempotencyKey,
        };
        // ON CONFLICT waits for a concurrent insert of the same key to commit, then does nothing: the task and its
        // key are one row written by one statement, so a key never exists without its task or the reverse.
        await using var insert = new NpgsqlCommand("""
            INSERT INTO tasks (id, tenant_id, request_json, request_id, status, submit_time, progress, attempts,
                               idempotency_key, request_hash, model_name, webhook_url, webhook_events, public_base)
            VALUES (@id, @tenant, @request, @requestId, 'PENDING', @now, 0, 0, @key, @hash, @model, @webhook, @events, @base)
            ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING;
            """, connection, tx)
            .With("id", created.Id)
            .WithText("tenant", task.TenantId)
            .WithJson("request", TaskJson.Serialize(task.Request))
            .WithText("requestId", task.RequestId)
            .WithTime("now", now)
            .WithText("key", task.IdempotencyKey)
            .WithText("hash", task.RequestHash)
            .WithText("model", task.Request.Model)
            .WithText("webhook", task.Request.WebhookUrl)
            .WithText("events", task.Request.WebhookUrl is null ? null : task.Request.WebhookEvents ?? WebhookEvents.DefaultFilter)
            .WithText("base", task.PublicBase);
        if (await insert.ExecuteNonQueryAsync(ct) != 1)
        {
            await tx.RollbackAsync(ct);
            return null;
        }
        await tx.CommitAsync(ct);
        return created;
    }

    private async Task<(EditTask Task, string? Hash)?> FindByKeyAsync(string tenantId, string key, CancellationToken ct)
    {
        await using var command = _db.CreateCommand($"""
            SELECT {PostgresTaskRow.Columns}, request_hash FROM tasks WHERE tenant_id = @tenant AND idempotency_key = @key;
            """).WithText("tenant", tenantId).WithText("key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var hash = PostgresTaskRow.ColumnCount;
        return (PostgresTaskRow.Read(reader), reader.IsDBNull(hash) ? null : reader.GetString(hash));
    }
}
