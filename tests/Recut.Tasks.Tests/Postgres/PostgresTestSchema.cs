using Npgsql;

namespace Recut.Tasks.Tests.Postgres;

/// <summary>
/// A fresh, empty schema on the test server (RECUT_TEST_PG, printed by scripts/start-postgres.sh), dropped
/// afterwards. Stores opened on <see cref="ConnectionString"/> put their tables there (Search Path), so tests
/// running side by side never see each other's rows, and the stores' advisory locks (keyed by schema) never
/// collide either.
/// </summary>
internal sealed class PostgresTestSchema : IAsyncDisposable
{
    public const string Variable = "RECUT_TEST_PG";

    private PostgresTestSchema(string baseConnectionString, string name)
    {
        BaseConnectionString = baseConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(baseConnectionString) { SearchPath = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The server and database, no search path: for reaching the schema by its qualified name.</summary>
    public string BaseConnectionString { get; }

    /// <summary>Connects with this schema first on the search path.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// The test server's connection string. xunit 2 cannot skip a test from inside it, so without the variable
    /// the PostgreSQL tests fail with this message (CI sets it through test.sh; locally run the script, or
    /// leave these tests out with <c>--filter "Category!=Postgres"</c>).
    /// </summary>
    public static string RequireServer()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Patient(value);
        }
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        throw new InvalidOperationException(
            $"{Variable} is not set{(inCi ? " in CI, where the PostgreSQL store tests are required" : "")}. "
            + $"Start a server and export it with: eval \"$(scripts/start-postgres.sh)\" "
            + "(or exclude these tests locally: dotnet test --filter \"Category!=Postgres\").");
    }

    /// <summary>
    /// The test server is shared by everyone testing on the machine: on two loaded cores opening a connection has
    /// taken longer than Npgsql's 15 s default. Waiting longer is right for tests (what they measure is not speed).
    /// </summary>
    internal static string Patient(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Timeout = Math.Max(builder.Timeout, 60);
        builder.CommandTimeout = Math.Max(builder.CommandTimeout, 120);
        return builder.ConnectionString;
    }

    public static async Task<PostgresTestSchema> CreateAsync()
    {
        var schema = new PostgresTestSchema(RequireServer(), "recut_test_" + Guid.NewGuid().ToString("N")[..16]);
        await schema.ExecuteAsync($"CREATE SCHEMA {schema.Name};");
        return schema;
    }

    /// <summary>Runs SQL on a connection of its own (not the store's pool), with this schema on the search path.</summary>
    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteScalarAsync();
    }

    public Task ExecuteAsync(string sql) => ScalarAsync(sql);

    /// <summary>An open connection inside a transaction, for holding locks the way another process would.</summary>
    public async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> BeginAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return (connection, await connection.BeginTransactionAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(BaseConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE;", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
