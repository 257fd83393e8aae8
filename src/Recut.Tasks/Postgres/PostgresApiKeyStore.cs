using System.Data;
using Npgsql;
using NpgsqlTypes;
using Recut.Tasks.Keys;

namespace Recut.Tasks.Postgres;

/// <summary>
/// <see cref="IApiKeyStore"/> on the task store's PostgreSQL schema. A change locks its key row (FOR UPDATE) and
/// writes its audit row in the same transaction, so concurrent revokes log exactly one revocation.
/// </summary>
public sealed class PostgresApiKeyStore : IApiKeyStore, IAsyncDisposable, IDisposable
{
    private const string Columns = """
        k.name, k.tenant_id, k.prefix, k.created_at, k.revoked_at, k.rate_per_second, k.max_running, k.daily_quota,
        COALESCE(u.tasks, 0), k.max_pending, k.upload_daily_mb, k.upload_held_mb
        """;

    private readonly PostgresDataSources.Lease _pool;
    private readonly NpgsqlDataSource _db;
    private readonly TimeProvider _time;

    public PostgresApiKeyStore(string connectionString, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        // Shared with the other store on this connection string: one pool per process (PostgresDataSources).
        _pool = PostgresDataSources.Acquire(connectionString);
        _db = _pool.Source;
        _time = time;
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await PostgresMigrator.ApplyAsync(connection, PostgresTaskSchema.Migrations, _time, ct);
    }

    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyLimits limits, string actor, CancellationToken ct)
    {
        ApiKeyMaterial.ValidateName(name);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        limits.Validated();

        var key = ApiKeyMaterial.NewKey();
        var hash = ApiKeyMaterial.Hash(key);
        var record = new ApiKeyRecord
        {
            Name = name,
            TenantId = ApiKeyMaterial.TenantOfHash(hash),
            Prefix = ApiKeyMaterial.PrefixOf(key),
            CreatedAt = PgTime.Now(_time),
            Limits = limits,
        };
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO api_keys (name, key_hash, tenant_id, prefix, created_at, rate_per_second, max_running, daily_quota,
                                  max_pending, upload_daily_mb, upload_held_mb)
            VALUES (@name, @hash, @tenant, @prefix, @at, @rate, @running, @daily, @pending, @upDaily, @upHeld);
            """, connection, tx)
            .WithText("name", name).WithText("hash", hash).WithText("tenant", record.TenantId).WithText("prefix", record.Prefix)
            .WithTime("at", record.CreatedAt);
        AddLimits(insert, limits);
        try
        {
            await insert.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.IsUniqueViolation())
        {
            // The hash and tenant are 128-bit random: a clash there is the name.
            throw new ApiKeyNameTakenException(name);
        }
        await AuditAsync(connection, tx, actor, ApiKeyActions.Create, name, null, record, ct);
        await tx.CommitAsync(ct);
        return new CreatedApiKey(record, key);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var command = Select(connection, null, "ORDER BY k.id;");
        return await ReadAllAsync(command, ct);
    }

    public async Task<ApiKeyRecord?> FindByHashAsync(string keyHash, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyHash);
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var command = Select(connection, null, "WHERE k.key_hash = @hash;").WithText("hash", keyHash);
        return (await ReadAllAsync(command, ct)).SingleOrDefault();
    }

    public async Task<int> CountActiveAsync(CancellationToken ct)
    {
        await using var command = _db.CreateCommand("SELECT count(*) FROM api_keys WHERE revoked_at IS NULL;");
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> RevokeAsync(string name, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var before = await LockByNameAsync(connection, tx, name, ct);
        if (before.IsRevoked)
        {
            return false;
        }
        var after = before with { RevokedAt = PgTime.Now(_time) };
        await using var update = new NpgsqlCommand("UPDATE api_keys SET revoked_at = @at WHERE name = @name;", connection, tx)
            .WithTime("at", after.RevokedAt!.Value).WithText("name", name);
        await update.ExecuteNonQueryAsync(ct);
        await AuditAsync(connection, tx, actor, ApiKeyActions.Revoke, name, before, after, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<ApiKeyRecord> UpdateLimitsAsync(string name, ApiKeyLimits limits, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        limits.Validated();
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var before = await LockByNameAsync(connection, tx, name, ct);
        if (before.IsRevoked)
        {
            throw new InvalidOperationException($"The API key '{name}' is revoked; its limits can no longer change.");
        }
        var after = before with { Limits = limits };
        await using var update = new NpgsqlCommand("""
            UPDATE api_keys SET rate_per_second = @rate, max_running = @running, daily_quota = @daily,
                max_pending = @pending, upload_daily_mb = @upDaily, upload_held_mb = @upHeld
            WHERE name = @name;
            """, connection, tx).WithText("name", name);
        AddLimits(update, limits);
        await update.ExecuteNonQueryAsync(ct);
        await AuditAsync(connection, tx, actor, ApiKeyActions.Update, name, before, after, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    public async Task<IReadOnlyList<ApiKeyAuditEntry>> ListAuditAsync(int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _db.CreateCommand("""
            SELECT id, at, actor, action, key_name, before_json::text, after_json::text
            FROM api_key_audit ORDER BY id DESC LIMIT @limit;
            """).With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<ApiKeyAuditEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new ApiKeyAuditEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return entries;
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    public void Dispose() => _pool.Dispose();

    private NpgsqlCommand Select(NpgsqlConnection connection, NpgsqlTransaction? tx, string tail) =>
        new NpgsqlCommand($"""
            SELECT {Columns} FROM api_keys k
            LEFT JOIN api_key_usage u ON u.tenant_id = k.tenant_id AND u.day = @day
            {tail}
            """, connection, tx).With("day", PostgresDailyQuota.Day(_time.GetUtcNow()));

    private async Task<ApiKeyRecord> LockByNameAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var command = Select(connection, tx, "WHERE k.name = @name FOR UPDATE OF k;").WithText("name", name);
        return (await ReadAllAsync(command, ct)).SingleOrDefault() ?? throw new ApiKeyNotFoundException(name);
    }

    private async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string actor, string action, string name,
        ApiKeyRecord? before, ApiKeyRecord? after, CancellationToken ct)
    {
        await using var audit = new NpgsqlCommand("""
            INSERT INTO api_key_audit (at, actor, action, key_name, before_json, after_json)
            VALUES (@at, @actor, @action, @name, @before, @after);
            """, connection, tx)
            .WithTime("at", PgTime.Now(_time)).WithText("actor", actor).WithText("action", action).WithText("name", name);
        audit.Parameters.Add(Json("before", before));
        audit.Parameters.Add(Json("after", after));
        await audit.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Json(string name, ApiKeyRecord? key) =>
        new(name, NpgsqlDbType.Jsonb) { Value = key is null ? DBNull.Value : ApiKeyAuditJson.Snapshot(key) };

    private static void AddLimits(NpgsqlCommand command, ApiKeyLimits limits)
    {
        command.Parameters.Add(Int("rate", limits.RatePerSecond));
        command.Parameters.Add(Int("running", limits.MaxRunning));
        command.Parameters.Add(Int("daily", limits.DailyQuota));
        command.Parameters.Add(Int("pending", limits.MaxPending));
        command.Parameters.Add(Int("upDaily", limits.UploadDailyMb));
        command.Parameters.Add(Int("upHeld", limits.UploadHeldMb));
    }

    private static NpgsqlParameter Int(string name, int? value) =>
        new(name, NpgsqlDbType.Integer) { Value = (object?)value ?? DBNull.Value };

    private static async Task<List<ApiKeyRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new ApiKeyRecord
            {
                Name = reader.GetString(0),
                TenantId = reader.GetString(1),
                Prefix = reader.GetString(2),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
                RevokedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                Limits = new ApiKeyLimits(IntOrNull(reader, 5), IntOrNull(reader, 6), IntOrNull(reader, 7),
                    IntOrNull(reader, 9), IntOrNull(reader, 10), IntOrNull(reader, 11)),
                TasksToday = reader.GetInt32(8),
            });
        }
        return keys;
    }

    private static int? IntOrNull(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);
}
