using Npgsql;

namespace Recut.IntegrationTests.Chaos;

/// <summary>
/// A schema of its own on the test PostgreSQL server (RECUT_TEST_PG, from scripts/start-postgres.sh) that all
/// the chaos run's processes share, and the read-only look at its rows the assertions need. Dropped afterwards.
/// </summary>
internal sealed class ChaosDatabase : IAsyncDisposable
{
    public const string Variable = "RECUT_TEST_PG";

    private readonly NpgsqlDataSource _db;

    private ChaosDatabase(string server, string schema)
    {
        Server = server;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        _db = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Server { get; }
    public string Schema { get; }

    /// <summary>What the processes get as RECUT_DB: the server with this schema first on the search path.</summary>
    public string ConnectionString { get; }

    /// <summary>Set to 1 to leave the PostgreSQL tests out on a machine without PostgreSQL (never in CI).</summary>
    public const string OptOut = "RECUT_TEST_PG_OPTOUT";

    /// <summary>
    /// The server's connection string, or null when a developer opted out (<see cref="OptOut"/>=1). Without the
    /// variable and without the opt-out the test fails with the fix in the message: a run that silently skipped
    /// the scale-out test passed for years elsewhere while proving nothing.
    /// </summary>
    public static string? ServerOrNull()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            // A server shared by everyone testing on a loaded machine: connecting can take longer than the 15 s default.
            var patient = new NpgsqlConnectionStringBuilder(value);
            patient.Timeout = Math.Max(patient.Timeout, 60);
            patient.CommandTimeout = Math.Max(patient.CommandTimeout, 120);
            return patient.ConnectionString;
        }
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi && Environment.GetEnvironmentVariable(OptOut) is "1" or "true")
        {
            return null;
        }
        throw new InvalidOperationException(
            $"{Variable} is not set, and the PostgreSQL chaos test needs it. test.sh exports it from scripts/start-postgres.sh; "
            + $"run: eval \"$(scripts/start-postgres.sh)\". Without PostgreSQL (not in CI), set {OptOut}=1 to leave it out.");
    }

    public static async Task<ChaosDatabase> CreateAsync(string server)
    {
        var schema = "recut_chaos_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema};", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new ChaosDatabase(server, schema);
    }

    /// <summary>Task count per status (the wire names), once the tasks table exists; empty before.</summary>
    public async Task<Dictionary<string, int>> StatusCountsAsync()
    {
        await using var command = _db.CreateCommand("SELECT status, count(*)::int FROM tasks GROUP BY status;");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return counts;
    }

    /// <summary>Worker ids (host:pid:index) holding a live lease right now.</summary>
    public async Task<List<string>> LiveLeaseOwnersAsync()
    {
        await using var command = _db.CreateCommand(
            "SELECT lease_owner FROM tasks WHERE status = 'RUNNING' AND lease_expires_at > now() AND lease_owner IS NOT NULL;");
        var owners = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            owners.Add(reader.GetString(0));
        }
        return owners;
    }

    /// <summary>Deliverer ids (host:pid:webhooks) holding a live claim on a webhook event right now.</summary>
    public async Task<List<string>> LiveWebhookClaimersAsync()
    {
        await using var command = _db.CreateCommand("""
            SELECT claimed_by FROM webhook_events
            WHERE delivered_at IS NULL AND dead_at IS NULL AND claimed_by IS NOT NULL
              AND claimed_until > (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
            """);
        var claimers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            claimers.Add(reader.GetString(0));
        }
        return claimers;
    }

    public async Task<List<TaskRowView>> TasksAsync()
    {
        await using var command = _db.CreateCommand("SELECT id, status, attempts, result_key, error_code, error_message FROM tasks;");
        var rows = new List<TaskRowView>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new TaskRowView(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return rows;
    }

    /// <summary>Recut task → the upstream task its relay record claims (null while none is recorded).</summary>
    public async Task<Dictionary<Guid, string?>> RelayClaimsAsync()
    {
        await using var command = _db.CreateCommand("SELECT task_id, upstream_task_id FROM relay_state;");
        var claims = new Dictionary<Guid, string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            claims[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }
        return claims;
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE;", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

internal sealed record TaskRowView(Guid Id, string Status, int Attempts, string? ResultKey, string? ErrorCode, string? ErrorMessage);
