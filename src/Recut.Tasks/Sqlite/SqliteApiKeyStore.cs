using Microsoft.Data.Sqlite;
using Recut.Tasks.Keys;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// <see cref="IApiKeyStore"/> on the task store's SQLite file. Each change runs under BEGIN IMMEDIATE with its
/// audit row, so a change and its log entry are committed together or not at all.
/// </summary>
public sealed class SqliteApiKeyStore : IApiKeyStore
{
    private const string Columns = """
        k.name, k.tenant_id, k.prefix, k.created_at, k.revoked_at, k.rate_per_second, k.max_running, k.daily_quota,
        COALESCE(u.tasks, 0), k.max_pending, k.upload_daily_mb, k.upload_held_mb
        """;

    private readonly SqliteDatabase _db;
    private readonly TimeProvider _time;

    public SqliteApiKeyStore(string pathOrConnectionString, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _db = new SqliteDatabase(pathOrConnectionString);
        _time = time;
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _db.PrepareFileAsync(ct);
        await using var connection = await _db.OpenAsync(ct);
        await SqliteMigrator.ApplyAsync(connection, SqliteTaskSchema.Migrations, _time, ct);
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
            CreatedAt = UnixMs.Now(_time),
            Limits = limits,
        };
        await using var connection = await _db.OpenAsync(ct);
        await using var tx = connection.BeginImmediate();
        await using var insert = connection.Command("""
            INSERT INTO api_keys (name, key_hash, tenant_id, prefix, created_at, rate_per_second, max_running, daily_quota,
                                  max_pending, upload_daily_mb, upload_held_mb)
            VALUES ($name, $hash, $tenant, $prefix, $at, $rate, $running, $daily, $pending, $upDaily, $upHeld);
            """, tx)
            .With("$name", name).With("$hash", hash).With("$tenant", record.TenantId).With("$prefix", record.Prefix)
            .With("$at", UnixMs.From(record.CreatedAt));
        BindLimits(insert, limits);
        try
        {
            await insert.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
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
        await using var connection = await _db.OpenAsync(ct);
        await using var command = Select(connection, null, "ORDER BY k.id;");
        return await ReadAllAsync(command, ct);
    }

    public async Task<ApiKeyRecord?> FindByHashAsync(string keyHash, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyHash);
        await using var connection = await _db.OpenAsync(ct);
        await using var command = Select(connection, null, "WHERE k.key_hash = $hash;").With("$hash", keyHash);
        return (await ReadAllAsync(command, ct)).SingleOrDefault();
    }

    public async Task<int> CountActiveAsync(CancellationToken ct)
    {
        await using var connection = await _db.OpenAsync(ct);
        await using var command = connection.Command("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL;");
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> RevokeAsync(string name, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var connection = await _db.OpenAsync(ct);
        await using var tx = connection.BeginImmediate();
        var before = await FindByNameAsync(connection, tx, name, ct);
        if (before.IsRevoked)
        {
            return false;
        }
        var after = before with { RevokedAt = UnixMs.Now(_time) };
        await using var update = connection.Command("UPDATE api_keys SET revoked_at = $at WHERE name = $name;", tx)
            .With("$at", UnixMs.From(after.RevokedAt!.Value)).With("$name", name);
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
        await using var connection = await _db.OpenAsync(ct);
        await using var tx = connection.BeginImmediate();
        var before = await FindByNameAsync(connection, tx, name, ct);
        if (before.IsRevoked)
        {
            throw new InvalidOperationException($"The API key '{name}' is revoked; its limits can no longer change.");
        }
        var after = before with { Limits = limits };
        await using var update = connection.Command("""
            UPDATE api_keys SET rate_per_second = $rate, max_running = $running, daily_quota = $daily,
                max_pending = $pending, upload_daily_mb = $upDaily, upload_held_mb = $upHeld
            WHERE name = $name;
            """, tx).With("$name", name);
        BindLimits(update, limits);
        await update.ExecuteNonQueryAsync(ct);
        await AuditAsync(connection, tx, actor, ApiKeyActions.Update, name, before, after, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    public async Task<IReadOnlyList<ApiKeyAuditEntry>> ListAuditAsync(int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await _db.OpenAsync(ct);
        await using var command = connection.Command("""
            SELECT id, at, actor, action, key_name, before_json, after_json FROM api_key_audit ORDER BY id DESC LIMIT $limit;
            """).With("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<ApiKeyAuditEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new ApiKeyAuditEntry(reader.GetInt64(0), UnixMs.ToTime(reader.GetInt64(1)), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return entries;
    }

    private SqliteCommand Select(SqliteConnection connection, SqliteTransaction? tx, string tail) =>
        connection.Command($"""
            SELECT {Columns} FROM api_keys k
            LEFT JOIN api_key_usage u ON u.tenant_id = k.tenant_id AND u.day = $day
            {tail}
            """, tx).With("$day", SqliteDailyQuota.Day(_time.GetUtcNow()));

    private async Task<ApiKeyRecord> FindByNameAsync(SqliteConnection connection, SqliteTransaction tx, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var command = Select(connection, tx, "WHERE k.name = $name;").With("$name", name);
        return (await ReadAllAsync(command, ct)).SingleOrDefault() ?? throw new ApiKeyNotFoundException(name);
    }

    private async Task AuditAsync(SqliteConnection connection, SqliteTransaction tx, string actor, string action, string name,
        ApiKeyRecord? before, ApiKeyRecord? after, CancellationToken ct)
    {
        await using var audit = connection.Command("""
            INSERT INTO api_key_audit (at, actor, action, key_name, before_json, after_json)
            VALUES ($at, $actor, $action, $name, $before, $after);
            """, tx)
            .With("$at", UnixMs.From(_time.GetUtcNow())).With("$actor", actor).With("$action", action).With("$name", name)
            .With("$before", before is null ? null : ApiKeyAuditJson.Snapshot(before))
            .With("$after", after is null ? null : ApiKeyAuditJson.Snapshot(after));
        await audit.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<ApiKeyRecord>> ReadAllAsync(SqliteCommand command, CancellationToken ct)
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
                CreatedAt = UnixMs.ToTime(reader.GetInt64(3)),
                RevokedAt = reader.IsDBNull(4) ? null : UnixMs.ToTime(reader.GetInt64(4)),
                Limits = new ApiKeyLimits(IntOrNull(reader, 5), IntOrNull(reader, 6), IntOrNull(reader, 7),
                    IntOrNull(reader, 9), IntOrNull(reader, 10), IntOrNull(reader, 11)),
                TasksToday = reader.GetInt32(8),
            });
        }
        return keys;
    }

    private static void BindLimits(SqliteCommand command, ApiKeyLimits limits) =>
        command.With("$rate", limits.RatePerSecond).With("$running", limits.MaxRunning).With("$daily", limits.DailyQuota)
            .With("$pending", limits.MaxPending).With("$upDaily", limits.UploadDailyMb).With("$upHeld", limits.UploadHeldMb);

    private static int? IntOrNull(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);
}
