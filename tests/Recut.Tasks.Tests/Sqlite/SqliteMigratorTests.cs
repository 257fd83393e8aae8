using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Recut.Tasks.Sql;
using Recut.Tasks.Sqlite;

namespace Recut.Tasks.Tests.Sqlite;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Applies_only_new_steps_in_version_order()
    {
        await using var connection = await OpenAsync();
        Migration[] first = [new(2, "ALTER TABLE t ADD COLUMN b TEXT;"), new(1, "CREATE TABLE t (a TEXT);")];

        Assert.Equal(2, await SchemaMigrator.ApplyAsync(Provider, connection, first, _time, CancellationToken.None));
        Assert.Equal(0, await SchemaMigrator.ApplyAsync(Provider, connection, first, _time, CancellationToken.None));
        Assert.Equal(1, await SchemaMigrator.ApplyAsync(Provider, connection, [.. first, new(3, "ALTER TABLE t ADD COLUMN c TEXT;")], _time, CancellationToken.None));

        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT group_concat(name, ',') FROM pragma_table_info('t');";
        Assert.Equal("a,b,c", await columns.ExecuteScalarAsync());
        await using var versions = connection.CreateCommand();
        versions.CommandText = "SELECT group_concat(version, ',') FROM (SELECT version FROM schema_version ORDER BY version);";
        Assert.Equal("1,2,3", await versions.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_failing_step_rolls_back_every_step_of_that_run()
    {
        await using var connection = await OpenAsync();
        Migration[] steps = [new(1, "CREATE TABLE t (a TEXT);"), new(2, "THIS IS NOT SQL;")];

        await Assert.ThrowsAsync<SqliteException>(() => SchemaMigrator.ApplyAsync(Provider, connection, steps, _time, CancellationToken.None));

        await using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('t', 'schema_version');";
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Duplicate_versions_are_refused()
    {
        await using var connection = await OpenAsync();
        Migration[] steps = [new(1, "CREATE TABLE t (a TEXT);"), new(1, "CREATE TABLE u (a TEXT);")];

        await Assert.ThrowsAsync<ArgumentException>(() => SchemaMigrator.ApplyAsync(Provider, connection, steps, _time, CancellationToken.None));
    }

    public void Dispose() => _folder.Dispose();

    private SqliteProvider Provider => new(Path.Combine(_folder.Path, "m.db"));

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "m.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
