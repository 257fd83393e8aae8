using Recut.Tasks.Sql;

namespace Recut.Tasks.Relay;

/// <summary>
/// <c>relay_create_gates</c>: one row per upstream key, naming who holds that key's create gate until when. Taking is
/// one upsert whose update only happens when the row has expired (or is already the taker's), so of two processes
/// racing for a key exactly one changes the row: PostgreSQL re-checks the condition on the row it locked, SQLite has one
/// writer at a time. A holder that is killed stops renewing and its row simply expires.
/// </summary>
public sealed class SqlCreateGateLeases : SqlStore
{
    public SqlCreateGateLeases(SqlProvider db, TimeProvider time, bool ownsDatabase = false)
        : base(db, time, ownsDatabase)
    {
    }

    private long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Takes <paramref name="keyId"/>'s gate for <paramref name="holder"/> when it is free or expired; true when taken.</summary>
    public async Task<bool> TryTakeAsync(string keyId, string holder, TimeSpan ttl, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = Now;
        await using var connection = await Db.OpenAsync(ct);
        return await connection.ExecuteAsync(null, """
            INSERT INTO relay_create_gates (key_id, holder, expires_at) VALUES (@key, @holder, @until)
            ON CONFLICT (key_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE relay_create_gates.expires_at < @now OR relay_create_gates.holder = excluded.holder;
            """, c => c.WithText("@key", keyId).WithText("@holder", holder).WithLong("@until", now + (long)ttl.TotalMilliseconds)
                .WithLong("@now", now), ct) == 1;
    }

    /// <summary>Moves the holder's expiry on; false when the gate is no longer the holder's (it expired and was taken).</summary>
    public async Task<bool> RenewAsync(string keyId, string holder, TimeSpan ttl, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        return await connection.ExecuteAsync(null, "UPDATE relay_create_gates SET expires_at = @until WHERE key_id = @key AND holder = @holder;",
            c => c.WithLong("@until", Now + (long)ttl.TotalMilliseconds).WithText("@key", keyId).WithText("@holder", holder), ct) == 1;
    }

    /// <summary>Frees the gate if the holder still has it (never someone else's who took it after an expiry).</summary>
    public async Task ReleaseAsync(string keyId, string holder, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await connection.ExecuteAsync(null, "DELETE FROM relay_create_gates WHERE key_id = @key AND holder = @holder;",
            c => c.WithText("@key", keyId).WithText("@holder", holder), ct);
    }

    /// <summary>Who holds the key's gate and until when, expired or not; null when nobody took it or it was released.</summary>
    public async Task<(string Holder, DateTimeOffset ExpiresAt)?> HolderAsync(string keyId, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command("SELECT holder, expires_at FROM relay_create_gates WHERE key_id = @key;").WithText("@key", keyId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))) : null;
    }
}
