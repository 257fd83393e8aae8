using Microsoft.Data.Sqlite;
using Recut.Protocol.Webhooks;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// <see cref="ITaskStore"/> on one SQLite file in WAL mode, safe for many workers in one process and for
/// several processes sharing the file: every read-modify-write runs under BEGIN IMMEDIATE (one writer at a
/// time, others wait on busy_timeout), and every state change is a single compare-and-set UPDATE.
/// Lifecycle operations (leasing, heartbeats, completion) live in SqliteTaskStore.Leasing.cs.
/// </summary>
public sealed partial class SqliteTaskStore : ITaskStore
{
    /// <summary>How long an idempotency key stays bound to its task; the API's 24 h (API.md §2).</summary>
    public static readonly TimeSpan DefaultIdempotencyWindow = TimeSpan.FromHours(24);

    private const int CreateRetries = 3;

    private readonly SqliteDatabase _db;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idempotencyWindow;

    /// <param name="pathOrConnectionString">A file path, or a connection string containing <c>Data Source=</c>.</param>
    /// <param name="time">Source of every "now" the store writes or compares.</param>
    /// <param name="idempotencyWindow">After this, a repeated key starts a new task; default 24 h.</param>
    public SqliteTaskStore(string pathOrConnectionString, TimeProvider time, TimeSpan? idempotencyWindow = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _db = new SqliteDatabase(pathOrConnectionString);
        _time = time;
        _idempotencyWindow = idempotencyWindow ?? DefaultIdempotencyWindow;
    }

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath => _db.FilePath;

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _db.PrepareFileAsync(ct);
        await using var connection = await _db.OpenAsync(ct);
        await SqliteMigrator.ApplyAsync(connection, SqliteTaskSchema.Migrations, _time, ct);
    }

    public async Task<CreateOutcome> CreateAsync(NewEditTask task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(task.TenantId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryCreateAsync(task, ct);
            }
            catch (SqliteException e) when (e.IsUniqueViolation() && task.IdempotencyKey is not null && attempt < CreateRetries)
            {
                // Someone inserted the same key between our read and our insert (BEGIN IMMEDIATE should
                // prevent it; the unique index is the guarantee). Go round again: the read now finds it.
            }
        }
    }

    public async Task<EditTask?> GetAsync(Guid id, string tenantId, CancellationToken ct)
    {
        await using var connection = await _db.OpenAsync(ct);
        await using var command = connection.Command($"SELECT {TaskRow.Columns} FROM tasks WHERE id = $id AND tenant_id = $tenant;")
            .With("$id", TaskRow.Key(id)).With("$tenant", tenantId);
        return await TaskRow.ReadOneAsync(command, ct);
    }

    public async Task<bool> CancelAsync(Guid id, string tenantId, CancellationToken ct)
    {
        await using var connection = await _db.OpenAsync(ct);
        await using var command = connection.Command("""
            UPDATE tasks SET status = 'CANCELED', end_time = $now
            WHERE id = $id AND tenant_id = $tenant AND status = 'PENDING';
            """).With("$id", TaskRow.Key(id)).With("$tenant", tenantId).With("$now", UnixMs.From(_time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<TaskPage> ListAsync(TaskQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageNo, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);

        var where = "tenant_id = $tenant AND submit_time >= $from AND submit_time <= $to"
            + (query.TaskId is null ? "" : " AND id = $id")
            + (query.Status is null ? "" : " AND status = $status")
            + (query.ModelName is null ? "" : " AND model_name = $model");

        await using var connection = await _db.OpenAsync(ct);
        // One read snapshot, so Total and the page agree.
        await using var tx = connection.BeginTransaction(deferred: true);
        await using var count = Bind(connection.Command($"SELECT COUNT(*) FROM tasks WHERE {where};", tx), query);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        await using var page = Bind(connection.Command($"""
            SELECT {TaskRow.Columns} FROM tasks WHERE {where}
            ORDER BY submit_time DESC, rowid DESC LIMIT $limit OFFSET $offset;
            """, tx), query)
            .With("$limit", query.PageSize)
            .With("$offset", (long)(query.PageNo - 1) * query.PageSize);
        var items = await TaskRow.ReadAllAsync(page, ct);
        await tx.CommitAsync(ct);
        return new TaskPage(items, total, query.PageNo, query.PageSize);
    }

    public async Task<IReadOnlyList<EditTask>> DeleteSubmittedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await _db.OpenAsync(ct);
        await using var tx = connection.BeginImmediate();
        // Only final tasks expire. A PENDING backlog or a RUNNING task (a live lease or a dead worker's, which is
        // re-leased or failed as exhausted) is work still owed to a caller; it goes in a later sweep once final.
        await using var command = connection.Command($"""
            DELETE FROM tasks
            WHERE submit_time < $cutoff AND status IN ('SUCCEEDED', 'FAILED', 'CANCELED')
            RETURNING {TaskRow.Columns};
            """, tx).With("$cutoff", UnixMs.From(cutoff));
        var deleted = await TaskRow.ReadAllAsync(command, ct);
        await tx.CommitAsync(ct);
        return deleted;
    }

    private async Task<CreateOutcome> TryCreateAsync(NewEditTask task, CancellationToken ct)
    {
        var now = UnixMs.Now(_time);
        await using var connection = await _db.OpenAsync(ct);
        await using var tx = connection.BeginImmediate();
        if (task.IdempotencyKey is { } key)
        {
            var existing = await FindByKeyAsync(connection, tx, task.TenantId, key, ct);
            if (existing is not null && existing.Value.Task.SubmitTime > now - _idempotencyWindow)
            {
                return string.Equals(existing.Value.Hash, task.RequestHash, StringComparison.Ordinal)
                    ? new CreateOutcome(existing.Value.Task, Created: false)
                    : throw new IdempotencyConflictException(key);
            }
            if (existing is not null)
            {
                // Outside the window the key is free again; the old task lives on until the retention sweep.
                await using var release = connection.Command("UPDATE tasks SET idempotency_key = NULL WHERE id = $id;", tx)
                    .With("$id", TaskRow.Key(existing.Value.Task.Id));
                await release.ExecuteNonQueryAsync(ct);
            }
        }

        // After the idempotency check: a repeat is not a new task and is never refused for the queue or the quota.
        await SqliteQueueCap.CheckAsync(connection, tx, task.TenantId, task.Queue, ct);
        await SqliteDailyQuota.ChargeAsync(connection, tx, task.TenantId, now, ct);

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
        await using var insert = connection.Command("""
            INSERT INTO tasks (id, tenant_id, request_json, request_id, status, submit_time, progress, attempts,
                               idempotency_key, request_hash, model_name, webhook_url, webhook_events, public_base)
            VALUES ($id, $tenant, $request, $requestId, 'PENDING', $now, 0, 0, $key, $hash, $model, $webhook, $events, $base);
            """, tx)
            .With("$id", TaskRow.Key(created.Id))
            .With("$tenant", task.TenantId)
            .With("$request", TaskJson.Serialize(task.Request))
            .With("$requestId", task.RequestId)
            .With("$now", UnixMs.From(now))
            .With("$key", task.IdempotencyKey)
            .With("$hash", task.RequestHash)
            .With("$model", task.Request.Model)
            .With("$webhook", task.Request.WebhookUrl)
            .With("$events", task.Request.WebhookUrl is null ? null : task.Request.WebhookEvents ?? WebhookEvents.DefaultFilter)
            .With("$base", task.PublicBase);
        await insert.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return new CreateOutcome(created, Created: true);
    }

    private static async Task<(EditTask Task, string? Hash)?> FindByKeyAsync(
        SqliteConnection connection, SqliteTransaction tx, string tenantId, string key, CancellationToken ct)
    {
        await using var command = connection.Command($"""
            SELECT {TaskRow.Columns}, request_hash FROM tasks WHERE tenant_id = $tenant AND idempotency_key = $key;
            """, tx).With("$tenant", tenantId).With("$key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var hashColumn = reader.FieldCount - 1;
        return (TaskRow.Read(reader), reader.IsDBNull(hashColumn) ? null : reader.GetString(hashColumn));
    }

    private static SqliteCommand Bind(SqliteCommand command, TaskQuery query)
    {
        command.With("$tenant", query.TenantId)
            .With("$from", UnixMs.From(query.From))
            .With("$to", UnixMs.From(query.To));
        if (query.TaskId is { } id)
        {
            command.With("$id", TaskRow.Key(id));
        }
        if (query.Status is { } status)
        {
            command.With("$status", status.Wire());
        }
        if (query.ModelName is { } model)
        {
            command.With("$model", model);
        }
        return command;
    }
}
