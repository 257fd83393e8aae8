using System.Data.Common;
using System.Globalization;
using Recut.Tasks.Sql;

namespace Recut.Tasks.Keys;

/// <summary>
/// <see cref="IApiKeyStore"/> on the task store's database (<see cref="SqlProvider"/>). A change reads its key row in a
/// write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: the row locked FOR UPDATE) and writes its audit row in the
/// same transaction, so a change and its log entry commit together, and concurrent revokes log exactly one revocation.
/// </summary>
public sealed class SqlApiKeyStore : SqlStore, IApiKeyStore
{
    private const string Columns = """
        k.name, k.tenant_id, k.prefix, k.created_at, k.revoked_at, k.rate_per_second, k.max_running, k.daily_quota,
        COALESCE(u.tasks, 0), k.max_pending, k.upload_daily_mb, k.upload_held_mb
        """;

    public SqlApiKeyStore(SqlProvider db, TimeProvider time, bool ownsDatabase = false)
        : base(db, time, ownsDatabase)
    {
    }

    public Task InitializeAsync(CancellationToken ct) => SqlTaskStore.Migrate(Db, Time, ct);

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
            CreatedAt = Db.Now(Time),
            Limits = limits,
        };
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection, ct);
        await using var insert = connection.Command("""
            INSERT INTO api_keys (name, key_hash, tenant_id, prefix, created_at, rate_per_second, max_running, daily_quota,
                                  max_pending, upload_daily_mb, upload_held_mb)
            VALUES (@name, @hash, @tenant, @prefix, @at, @rate, @running, @daily, @pending, @upDaily, @upHeld);
            """, tx)
            .WithText("@name", name).WithText("@hash", hash).WithText("@tenant", record.TenantId).WithText("@prefix", record.Prefix)
            .WithTime(Db, "@at", record.CreatedAt);
        BindLimits(insert, limits);
        try
        {
            await insert.ExecuteNonQueryAsync(ct);
        }
        catch (DbException e) when (Db.IsUniqueViolation(e))
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
        await using var connection = await Db.OpenAsync(ct);
        await using var command = Select(connection, null, "ORDER BY k.id;");
        return await ReadAllAsync(command, ct);
    }

    public async Task<ApiKeyRecord?> FindByHashAsync(string keyHash, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyHash);
        await using var connection = await Db.OpenAsync(ct);
        await using var command = Select(connection, null, "WHERE k.key_hash = @hash;").WithText("@hash", keyHash);
        return (await ReadAllAsync(command, ct)).SingleOrDefault();
    }

    public async Task<int> CountActiveAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL;");
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public async Task<bool> RevokeAsync(string name, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection, ct);
        var before = await LockByNameAsync(connection, tx, name, ct);
        if (before.IsRevoked)
        {
            return false;
        }
        var after = before with { RevokedAt = Db.Now(Time) };
        await connection.ExecuteAsync(tx, "UPDATE api_keys SET revoked_at = @at WHERE name = @name;",
            c => c.WithTime(Db, "@at", after.RevokedAt).WithText("@name", name), ct);
        await AuditAsync(connection, tx, actor, ApiKeyActions.Revoke, name, before, after, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<ApiKeyRecord> UpdateLimitsAsync(string name, ApiKeyLimits limits, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        limits.Validated();
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection, ct);
        var before = await LockByNameAsync(connection, tx, name, ct);
        if (before.IsRevoked)
        {
            throw new InvalidOperationException($"The API key '{name}' is revoked; its limits can no longer change.");
        }
        var after = before with { Limits = limits };
        await connection.ExecuteAsync(tx, """
            UPDATE api_keys SET rate_per_second = @rate, max_running = @running, daily_quota = @daily,
                max_pending = @pending, upload_daily_mb = @upDaily, upload_held_mb = @upHeld
            WHERE name = @name;
            """, c => BindLimits(c.WithText("@name", name), limits), ct);
        await AuditAsync(connection, tx, actor, ApiKeyActions.Update, name, before, after, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    public async Task<IReadOnlyList<ApiKeyAuditEntry>> ListAuditAsync(int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command("""
            SELECT id, at, actor, action, key_name, before_json, after_json FROM api_key_audit ORDER BY id DESC LIMIT @limit;
            """).WithInt("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<ApiKeyAuditEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new ApiKeyAuditEntry(reader.GetInt64(0), Db.ReadTime(reader, 1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.NullableString(5), reader.NullableString(6)));
        }
        return entries;
    }

    private DbCommand Select(DbConnection connection, DbTransaction? tx, string tail) =>
        connection.Command($"""
            SELECT {Columns} FROM api_keys k
            LEFT JOIN api_key_usage u ON u.tenant_id = k.tenant_id AND u.day = @day
            {tail}
            """, tx).WithDay(Db, "@day", Time.GetUtcNow());

    private async Task<ApiKeyRecord> LockByNameAsync(DbConnection connection, DbTransaction tx, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var command = Select(connection, tx, $"WHERE k.name = @name {Db.LockRowsOf("k")};").WithText("@name", name);
        return (await ReadAllAsync(command, ct)).SingleOrDefault() ?? throw new ApiKeyNotFoundException(name);
    }

    private Task AuditAsync(DbConnection connection, DbTransaction tx, string actor, string action, string name,
        ApiKeyRecord? before, ApiKeyRecord? after, CancellationToken ct) =>
        connection.ExecuteAsync(tx, """
            INSERT INTO api_key_audit (at, actor, action, key_name, before_json, after_json)
            VALUES (@at, @actor, @action, @name, @before, @after);
            """, c => c.WithTime(Db, "@at", Db.Now(Time)).WithText("@actor", actor).WithText("@action", action).WithText("@name", name)
                .WithJson(Db, "@before", before is null ? null : ApiKeyAuditJson.Snapshot(before))
                .WithJson(Db, "@after", after is null ? null : ApiKeyAuditJson.Snapshot(after)), ct);

    private async Task<List<ApiKeyRecord>> ReadAllAsync(DbCommand command, CancellationToken ct)
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
                CreatedAt = Db.ReadTime(reader, 3),
                RevokedAt = Db.ReadNullableTime(reader, 4),
                Limits = new ApiKeyLimits(reader.NullableInt(5), reader.NullableInt(6), reader.NullableInt(7),
                    reader.NullableInt(9), reader.NullableInt(10), reader.NullableInt(11)),
                TasksToday = Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture),
            });
        }
        return keys;
    }

    private static DbCommand BindLimits(DbCommand command, ApiKeyLimits limits) =>
        command.WithInt("@rate", limits.RatePerSecond).WithInt("@running", limits.MaxRunning).WithInt("@daily", limits.DailyQuota)
            .WithInt("@pending", limits.MaxPending).WithInt("@upDaily", limits.UploadDailyMb).WithInt("@upHeld", limits.UploadHeldMb);
}
