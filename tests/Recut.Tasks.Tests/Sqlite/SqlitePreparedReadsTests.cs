using System.Data.Common;
using Microsoft.Data.Sqlite;
using Recut.Tasks.Sql;
using Recut.Tasks.Sqlite;

namespace Recut.Tasks.Tests.Sqlite;

/// <summary>Reads on kept-open connections with reused statements must see every commit, as a fresh connection would.</summary>
public sealed class SqlitePreparedReadsTests : IAsyncLifetime, IDisposable
{
    private static CancellationToken Ct => CancellationToken.None;

    private readonly TempFolder _folder = new();
    private SqliteProvider _db = null!;
    private SqlitePreparedReads _reads = null!;

    private string DbPath => Path.Combine(_folder.Path, "tasks.db");

    public async Task InitializeAsync()
    {
        _db = new SqliteProvider(DbPath);
        await _db.PrepareAsync(Ct);
        await ExecuteElsewhereAsync("CREATE TABLE t (x INTEGER PRIMARY KEY);");
        _reads = new SqlitePreparedReads(_db.OpenAsync);
    }

    public async Task DisposeAsync()
    {
        await _reads.DisposeAsync();
        await _db.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_reused_statement_sees_rows_committed_after_it_was_prepared()
    {
        Assert.Equal(0L, await CountAboveAsync(0));

        await ExecuteElsewhereAsync("INSERT INTO t (x) VALUES (1), (2), (3);");
        Assert.Equal(3L, await CountAboveAsync(0));
        Assert.Equal(1L, await CountAboveAsync(2)); // new parameter values on the same statement

        await ExecuteElsewhereAsync("DELETE FROM t WHERE x = 3;");
        Assert.Equal(0L, await CountAboveAsync(2));
    }

    [Fact]
    public async Task Reads_one_after_another_on_a_kept_connection_each_see_the_latest_commit()
    {
        // Readers run one after another on one kept connection: each must end its snapshot when it is disposed.
        for (var i = 1; i <= 5; i++)
        {
            await ExecuteElsewhereAsync($"INSERT INTO t (x) VALUES ({i});");
            Assert.Equal((long)i, await _reads.QueryAsync("SELECT x FROM t ORDER BY x DESC LIMIT 1;", _ => { }, async (c, t) =>
            {
                await using var reader = await c.ExecuteReaderAsync(t);
                Assert.True(await reader.ReadAsync(t));
                return reader.GetInt64(0);
            }, Ct));
        }
    }

    [Fact]
    public async Task A_failing_read_is_reported_and_the_next_one_works()
    {
        await Assert.ThrowsAsync<SqliteException>(() =>
            _reads.QueryAsync("SELECT nope FROM t;", _ => { }, async (c, t) => await c.ExecuteScalarAsync(t), Ct));

        Assert.Equal(0L, await CountAboveAsync(0));
    }

    private Task<long> CountAboveAsync(int above) =>
        _reads.QueryAsync("SELECT COUNT(*) FROM t WHERE x > @above;", c => c.WithInt("@above", above),
            async (c, t) => (long)(await c.ExecuteScalarAsync(t))!, Ct);

    private async Task ExecuteElsewhereAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
