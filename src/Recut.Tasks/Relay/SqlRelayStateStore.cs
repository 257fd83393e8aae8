using System.Data.Common;
using System.Text.Json;
using Recut.Tasks.Sql;

namespace Recut.Tasks.Relay;

/// <summary>
/// <c>relay_state</c> on the task database, SQLite or PostgreSQL. Every write is one compare-and-set statement on the
/// version the writer read (an INSERT that does nothing when a row exists, or an UPDATE whose WHERE names the version),
/// so a worker that lost its lease and wakes up late can never overwrite what the task's new worker recorded: its write
/// simply changes no row, and it must read again. The tables come with the task store's migrations (v6).
/// </summary>
public sealed class SqlRelayStateStore : SqlStore
{
    private const string Columns =
        "task_id, key_id, create_started_at, upstream_task_id, create_request_id, uploads, uploaded_at, updated_at, version";

    public SqlRelayStateStore(SqlProvider db, TimeProvider time, bool ownsDatabase = false)
        : base(db, time, ownsDatabase)
    {
    }

    public async Task<RelayState?> ReadAsync(Guid taskId, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command($"SELECT {Columns} FROM relay_state WHERE task_id = @id;").WithId(Db, "@id", taskId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>
    /// Stores <paramref name="state"/> if the row is still at <see cref="RelayState.Version"/> (0: no row yet). Returns
    /// the state as stored — its new version and write time — or null when another writer got there first.
    /// </summary>
    public async Task<RelayState?> TryWriteAsync(RelayState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(state.KeyId);
        ArgumentOutOfRangeException.ThrowIfNegative(state.Version);
        var stored = state with { UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().ToUnixTimeMilliseconds()), Version = state.Version + 1 };
        var sql = state.Version == 0
            ? $"INSERT INTO relay_state ({Columns}) VALUES (@id, @key, @started, @upstream, @request, @uploads, @uploaded, @now, 1) ON CONFLICT (task_id) DO NOTHING;"
            : """
              UPDATE relay_state
              SET key_id = @key, create_started_at = @started, upstream_task_id = @upstream, create_request_id = @request,
                  uploads = @uploads, uploaded_at = @uploaded, updated_at = @now, version = version + 1
              WHERE task_id = @id AND version = @version;
              """;
        await using var connection = await Db.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(null, sql, c => c
            .WithId(Db, "@id", state.TaskId).WithText("@key", state.KeyId)
            .WithLong("@started", state.CreateStartedAt?.ToUnixTimeMilliseconds())
            .WithText("@upstream", state.UpstreamTaskId).WithText("@request", state.CreateRequestId)
            .WithJson(Db, "@uploads", JsonSerializer.Serialize(state.Uploads))
            .WithLong("@uploaded", state.UploadedAt?.ToUnixTimeMilliseconds())
            .WithLong("@now", stored.UpdatedAt.ToUnixTimeMilliseconds()).WithLong("@version", state.Version), ct);
        return changed == 1 ? stored : null;
    }

    /// <summary>Upstream task ids some Recut task has recorded as its own.</summary>
    public async Task<IReadOnlySet<string>> ClaimedUpstreamIdsAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command("SELECT upstream_task_id FROM relay_state WHERE upstream_task_id IS NOT NULL;");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(reader.GetString(0));
        }
        return claimed;
    }

    /// <summary>Retention: deletes rows last written before <paramref name="cutoff"/>; returns how many went.</summary>
    public async Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        return await connection.ExecuteAsync(null, "DELETE FROM relay_state WHERE updated_at < @cutoff;",
            c => c.WithLong("@cutoff", cutoff.ToUnixTimeMilliseconds()), ct);
    }

    private RelayState Read(DbDataReader reader) => new()
    {
        TaskId = Db.ReadId(reader, 0),
        KeyId = reader.GetString(1),
        CreateStartedAt = reader.NullableTime(2),
        UpstreamTaskId = reader.NullableString(3),
        CreateRequestId = reader.NullableString(4),
        Uploads = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5))
            ?? throw new InvalidDataException("relay_state.uploads is null JSON."),
        UploadedAt = reader.NullableTime(6),
        UpdatedAt = reader.NullableTime(7)!.Value,
        Version = reader.GetInt64(8),
    };
}
