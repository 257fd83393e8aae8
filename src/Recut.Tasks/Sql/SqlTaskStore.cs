using System.Data.Common;
using System.Globalization;
using Recut.Protocol.Webhooks;

namespace Recut.Tasks.Sql;

/// <summary>
/// <see cref="ITaskStore"/> over ADO.NET on SQLite or PostgreSQL (<see cref="SqlProvider"/>). Every read-modify-write is
/// one write transaction; every state change is a single compare-and-set UPDATE. This file is the API side; leasing is in
/// SqlTaskStore.Leasing.cs, start-up and sweeps in SqlTaskStore.Maintenance.cs.
/// </summary>
public sealed partial class SqlTaskStore : SqlStore, ITaskStore
{
    /// <summary>How long an idempotency key stays bound to its task; the API's 24 h (API.md §2).</summary>
    public static readonly TimeSpan DefaultIdempotencyWindow = TimeSpan.FromHours(24);

    /// <summary>A create that lost an insert race reads the winner on its next round; more rounds mean something is wrong.</summary>
    private const int CreateRounds = 5;

    private readonly TimeSpan _idempotencyWindow;

    /// <param name="time">Source of every "now" the store writes or compares (not the database's clock, so tests can move it).</param>
    /// <param name="idempotencyWindow">After this, a repeated key starts a new task; default 24 h.</param>
    public SqlTaskStore(SqlProvider db, TimeProvider time, TimeSpan? idempotencyWindow = null, bool ownsDatabase = false)
        : base(db, time, ownsDatabase)
    {
        _idempotencyWindow = idempotencyWindow ?? DefaultIdempotencyWindow;
    }

    public SqlProvider Database => Db;

    public async Task<CreateOutcome> CreateAsync(NewEditTask task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(task.TenantId);
        for (var round = 1; round <= CreateRounds; round++)
        {
            var now = Db.Now(Time);
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

    /// <summary>The status poll, the API's most frequent statement: one text, so it is prepared once and reused.</summary>
    private const string GetSql = $"SELECT {TaskRow.Columns} FROM tasks WHERE id = @id AND tenant_id = @tenant;";

    public Task<EditTask?> GetAsync(Guid id, string tenantId, CancellationToken ct) =>
        Db.QueryAsync(GetSql, c => c.WithId(Db, "@id", id).WithText("@tenant", tenantId), (c, t) => TaskRow.ReadOneAsync(Db, c, t), ct);

    public async Task<bool> CancelAsync(Guid id, string tenantId, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command("""
            UPDATE tasks SET status = 'CANCELED', end_time = @now
            WHERE id = @id AND tenant_id = @tenant AND status = 'PENDING';
            """).WithId(Db, "@id", id).WithText("@tenant", tenantId).WithTime(Db, "@now", Db.Now(Time));
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
        await using var connection = await Db.OpenAsync(ct);
        // One snapshot, so the total and the page agree.
        await using var tx = await Db.BeginSnapshotAsync(connection, ct);
        await using var count = Bind(connection.Command($"SELECT COUNT(*) FROM tasks WHERE {where};", tx), query);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        await using var page = Bind(connection.Command($"""
            SELECT {TaskRow.Columns} FROM tasks WHERE {where}
            ORDER BY submit_time DESC, {Db.InsertionOrder} DESC LIMIT @limit OFFSET @offset;
            """, tx), query)
            .WithInt("@limit", query.PageSize)
            .WithLong("@offset", (long)(query.PageNo - 1) * query.PageSize);
        var items = await TaskRow.ReadAllAsync(Db, page, ct);
        await tx.CommitAsync(ct);
        return new TaskPage(items, total, query.PageNo, query.PageSize);
    }

    /// <summary>
    /// The answer to a repeated idempotency key within the window: the existing task, or a conflict when the body
    /// differs. Null when the key is unused or has expired (then it is released for the new task).
    /// </summary>
    private async Task<CreateOutcome?> RepeatOutcomeAsync(NewEditTask task, string key, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        var existing = await FindByKeyAsync(connection, task.TenantId, key, ct);
        if (existing is not null && existing.Value.Task.SubmitTime > now - _idempotencyWindow)
        {
            return string.Equals(existing.Value.Hash, task.RequestHash, StringComparison.Ordinal)
                ? new CreateOutcome(existing.Value.Task, Created: false)
                : throw new IdempotencyConflictException(key);
        }
        if (existing is not null)
        {
            // Outside the window the key is free again; the old task lives on until the retention sweep.
            await Db.WriteAsync<object>(async (c, tx, t) =>
            {
                await c.ExecuteAsync(tx, "UPDATE tasks SET idempotency_key = NULL WHERE id = @id AND idempotency_key = @key;",
                    u => u.WithId(Db, "@id", existing.Value.Task.Id).WithText("@key", key), t);
                return this;
            }, ct);
        }
        return null;
    }

    /// <summary>
    /// The queue caps, the managed key's daily charge and the insert, in one write transaction; null when the idempotency
    /// key's unique index refused the insert (someone was first), which also undoes the charge.
    /// </summary>
    private Task<EditTask?> TryInsertAsync(NewEditTask task, DateTimeOffset now, CancellationToken ct)
    {
        // Outside the write: on SQLite every create of the process queues behind one writer, so it does only SQL.
        var requestJson = TaskJson.Serialize(task.Request);
        // Run again from the start if its batch is retried in savepoints: nothing outside the transaction changes.
        return Db.CreateWriteAsync((connection, tx, t) => InsertAsync(connection, tx, task, requestJson, now, t),
            task.TenantId + "\0" + task.IdempotencyKey, ct);
    }

    private async Task<EditTask?> InsertAsync(DbConnection connection, DbTransaction tx, NewEditTask task, string requestJson,
        DateTimeOffset now, CancellationToken ct)
    {
        // After the idempotency check: a repeat is not a new task and is never refused for the queue or the quota.
        var key = await TaskAdmission.CheckQueueAsync(Db, connection, tx, task.TenantId, task.Queue, ct);
        if (key.Managed)
        {
            await TaskAdmission.ChargeDailyQuotaAsync(Db, connection, tx, task.TenantId, key.DailyQuota, now, ct);
        }
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
        // ON CONFLICT waits (PostgreSQL) for a concurrent insert of the same key to commit, then does nothing: the task
        // and its key are one row written by one statement, so a key never exists without its task or the reverse.
        await using var insert = connection.Command("""
            INSERT INTO tasks (id, tenant_id, request_json, request_id, status, submit_time, progress, attempts,
                               idempotency_key, request_hash, model_name, webhook_url, webhook_events, public_base)
            VALUES (@id, @tenant, @request, @requestId, 'PENDING', @now, 0, 0, @key, @hash, @model, @webhook, @events, @base)
            ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING;
            """, tx)
            .WithId(Db, "@id", created.Id)
            .WithText("@tenant", task.TenantId)
            .WithJson(Db, "@request", requestJson)
            .WithText("@requestId", task.RequestId)
            .WithTime(Db, "@now", now)
            .WithText("@key", task.IdempotencyKey)
            .WithText("@hash", task.RequestHash)
            .WithText("@model", task.Request.Model)
            .WithText("@webhook", task.Request.WebhookUrl)
            .WithText("@events", task.Request.WebhookUrl is null ? null : task.Request.WebhookEvents ?? WebhookEvents.DefaultFilter)
            .WithText("@base", task.PublicBase);
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? created : null;
    }

    private async Task<(EditTask Task, string? Hash)?> FindByKeyAsync(DbConnection connection, string tenantId, string key, CancellationToken ct)
    {
        await using var command = connection.Command($"""
            SELECT {TaskRow.Columns}, request_hash FROM tasks WHERE tenant_id = @tenant AND idempotency_key = @key;
            """).WithText("@tenant", tenantId).WithText("@key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        return (TaskRow.Read(Db, reader), reader.NullableString(TaskRow.ColumnCount));
    }

    private DbCommand Bind(DbCommand command, TaskQuery query)
    {
        command.WithText("@tenant", query.TenantId).WithTime(Db, "@from", query.From).WithTime(Db, "@to", query.To);
        if (query.TaskId is { } id)
        {
            command.WithId(Db, "@id", id);
        }
        if (query.Status is { } status)
        {
            command.WithText("@status", status.Wire());
        }
        if (query.ModelName is { } model)
        {
            command.WithText("@model", model);
        }
        return command;
    }
}
