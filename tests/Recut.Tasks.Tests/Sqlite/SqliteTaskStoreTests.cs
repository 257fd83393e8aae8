using Microsoft.Data.Sqlite;
using Recut.Tasks.Keys;
using Recut.Tasks.Relay;
using Recut.Tasks.Sql;
using Recut.Tasks.Sqlite;
using Recut.Tasks.Tests.Behaviour;
using Recut.Tasks.Webhooks;

namespace Recut.Tasks.Tests.Sqlite;

/// <summary>The shared behaviour suite on a SQLite file of its own, plus what only SQLite has.</summary>
public sealed class SqliteTaskStoreTests : TaskStoreBehaviour, IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly int LatestVersion = SqliteTaskSchema.Migrations.Max(m => m.Version);

    private string DbPath => Path.Combine(_folder.Path, "data", "tasks.db");

    protected override ITaskStore OpenStore(TimeProvider time) => TaskStoreFactory.CreateSqlite(DbPath, time);

    protected override IApiKeyStore OpenKeyStore(TimeProvider time) => ApiKeyStoreFactory.Create(DbPath, time);

    protected override IWebhookStore OpenWebhookStore(TimeProvider time) => WebhookStoreFactory.Create(DbPath, time);

    protected override SqlRelayStateStore OpenRelayStore(TimeProvider time) => new(SqlProvider.Open(DbPath), time, ownsDatabase: true);

    protected override SqlCreateGateLeases OpenGateLeases(TimeProvider time) => new(SqlProvider.Open(DbPath), time, ownsDatabase: true);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Initialize_creates_the_folder_a_wal_file_and_the_latest_version()
    {
        Assert.True(File.Exists(DbPath));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal((long)LatestVersion, await ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(6, LatestVersion); // v2: api_keys, api_key_audit, api_key_usage; v3: queue and upload limits; v4: plan_json; v5: webhooks; v6: relay state
    }

    [Fact]
    public async Task Initialize_again_applies_nothing_and_keeps_the_data()
    {
        var task = await CreateAsync();

        await Store.InitializeAsync(Ct);
        await OpenStore(Time).InitializeAsync(Ct);

        Assert.Equal((long)LatestVersion, await ScalarAsync("SELECT COUNT(*) FROM schema_version;"));
        Assert.NotNull(await Store.GetAsync(task.Id, TenantA, Ct));
    }

    [Fact]
    public async Task Times_are_stored_as_unix_milliseconds_and_status_as_the_wire_name()
    {
        var task = await CreateAsync();

        Assert.Equal(Start.ToUnixTimeMilliseconds(), await ScalarAsync($"SELECT submit_time FROM tasks WHERE id = '{task.Id:D}';"));
        Assert.Equal("PENDING", await ScalarAsync($"SELECT status FROM tasks WHERE id = '{task.Id:D}';"));
        Assert.Equal("wan2.7-videoedit", await ScalarAsync($"SELECT model_name FROM tasks WHERE id = '{task.Id:D}';"));
    }

    [Fact]
    public async Task The_unique_index_itself_refuses_a_second_row_with_one_key()
    {
        await CreateAsync(key: "k");

        var error = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync("""
            INSERT INTO tasks (id, tenant_id, request_json, request_id, status, submit_time, idempotency_key, model_name)
            VALUES ('x', 'tenant-a', '{}', 'r', 'PENDING', 0, 'k', 'm');
            """));
        Assert.True(new SqliteProvider(DbPath).IsUniqueViolation(error));
    }

    [Fact]
    public async Task A_connection_string_works_as_well_as_a_path()
    {
        var db = new SqliteProvider($"Data Source={DbPath};Cache=Shared");
        var store = new SqlTaskStore(db, Time, ownsDatabase: true);
        await store.InitializeAsync(Ct);
        var task = await CreateAsync();

        Assert.Equal(DbPath, db.FilePath);
        Assert.NotNull(await store.GetAsync(task.Id, TenantA, Ct));
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x.db;Mode=Memory")]
    [InlineData(" ")]
    public void An_in_memory_or_empty_database_is_refused(string db)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SqliteProvider(db));
    }

    [Fact]
    public async Task A_corrupt_row_is_reported_not_misread()
    {
        var task = await CreateAsync();
        await ScalarAsync($"UPDATE tasks SET status = 'EXPLODED' WHERE id = '{task.Id:D}';");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetAsync(task.Id, TenantA, Ct));
        Assert.Contains("EXPLODED", error.Message);
    }

    [Fact]
    public async Task The_database_file_holds_a_keys_hash_never_the_key()
    {
        var created = await OpenKeyStore(Time).CreateAsync("disk", ApiKeyLimits.None, "ops@host", Ct);

        Assert.Equal(ApiKeyMaterial.Hash(created.Key), await ScalarAsync("SELECT key_hash FROM api_keys WHERE name = 'disk';"));
        var onDisk = string.Concat(new[] { DbPath, DbPath + "-wal" }.Where(File.Exists)
            .Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains(ApiKeyMaterial.Hash(created.Key), onDisk, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key, onDisk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_one_database_is_upgraded_in_place_keeping_its_tasks()
    {
        var oldPath = Path.Combine(_folder.Path, "old", "tasks.db");
        Directory.CreateDirectory(Path.GetDirectoryName(oldPath)!);
        await using (var connection = new SqliteConnection($"Data Source={oldPath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await SchemaMigrator.ApplyAsync(new SqliteProvider(oldPath), connection, SqliteTaskSchema.Migrations.Take(1).ToList(), Time, Ct);
            // A task as the version-one release wrote it.
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO tasks (id, tenant_id, request_json, request_id, status, submit_time, model_name)
                VALUES ('6f1c1a3e-0000-4000-8000-000000000001', 'tenant-a', '{"model":"wan2.7-videoedit","prompt":"p","videoUrl":"https://e/x.mp4"}', 'r', 'PENDING', 0, 'wan2.7-videoedit');
                """;
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var keys = ApiKeyStoreFactory.Create(oldPath, Time);
        await keys.InitializeAsync(Ct);
        var key = await keys.CreateAsync("late", new ApiKeyLimits(DailyQuota: 1), "ops@host", Ct);
        var store = TaskStoreFactory.CreateSqlite(oldPath, Time);
        await store.InitializeAsync(Ct);

        Assert.NotNull(await store.GetAsync(Guid.Parse("6f1c1a3e-0000-4000-8000-000000000001"), TenantA, Ct));
        await store.CreateAsync(New(key.Record.TenantId), Ct);
        await Assert.ThrowsAsync<DailyQuotaExceededException>(() => store.CreateAsync(New(key.Record.TenantId), Ct));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
