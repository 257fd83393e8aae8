using Npgsql;
using Recut.Tasks.Keys;
using Recut.Tasks.Postgres;
using Recut.Tasks.Relay;
using Recut.Tasks.Sql;
using Recut.Tasks.Tests.Behaviour;
using Recut.Tasks.Webhooks;

namespace Recut.Tasks.Tests.Postgres;

/// <summary>
/// The shared behaviour suite on a PostgreSQL schema of its own, plus what only PostgreSQL has.
/// Needs RECUT_TEST_PG (see <see cref="PostgresTestSchema.RequireServer"/>).
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresTaskStoreTests : TaskStoreBehaviour
{
    private static readonly int LatestVersion = PostgresTaskSchema.Migrations.Max(m => m.Version);

    private readonly List<IAsyncDisposable> _opened = [];
    private PostgresTestSchema _schema = null!;

    protected override IApiKeyStore OpenKeyStore(TimeProvider time)
    {
        var store = ApiKeyStoreFactory.Create(_schema.ConnectionString, time);
        _opened.Add(store);
        return store;
    }

    protected override IWebhookStore OpenWebhookStore(TimeProvider time)
    {
        var store = WebhookStoreFactory.Create(_schema.ConnectionString, time);
        _opened.Add(store);
        return store;
    }

    protected override SqlRelayStateStore OpenRelayStore(TimeProvider time)
    {
        var store = new SqlRelayStateStore(SqlProvider.Open(_schema.ConnectionString), time, ownsDatabase: true);
        _opened.Add(store);
        return store;
    }

    protected override SqlCreateGateLeases OpenGateLeases(TimeProvider time)
    {
        var store = new SqlCreateGateLeases(SqlProvider.Open(_schema.ConnectionString), time, ownsDatabase: true);
        _opened.Add(store);
        return store;
    }

    protected override ITaskStore OpenStore(TimeProvider time)
    {
        // Every call opens the same schema: a second call stands in for a second process.
        var store = TaskStoreFactory.CreatePostgres(_schema.ConnectionString, time);
        _opened.Add(store);
        return store;
    }

    public override async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_task_store_and_the_key_store_of_a_process_share_one_connection_pool()
    {
        // A name of its own, so pg_stat_activity shows exactly this test's connections.
        var app = "recut-pool-" + Guid.NewGuid().ToString("N")[..8];
        var connection = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { ApplicationName = app }.ConnectionString;
        await using var db = new PostgresProvider(connection);
        var tasks = new SqlTaskStore(db, TimeProvider.System);
        var keys = new SqlApiKeyStore(db, TimeProvider.System);
        var hooks = new WebhookStore(db, TimeProvider.System);

        // One after the other: a shared pool hands the second store the connection the first returned.
        await tasks.InitializeAsync(Ct);
        await keys.InitializeAsync(Ct);
        await keys.CountActiveAsync(Ct);
        await hooks.GetEndpointAsync(TenantA, Ct);

        Assert.Equal(1L, await _schema.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = @app;", ("app", app)));
    }

    [Fact]
    public async Task Initialize_creates_the_tables_in_the_schema_at_the_latest_version()
    {
        Assert.Equal(LatestVersion, await _schema.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(6, LatestVersion); // v2: api_keys, api_key_audit, api_key_usage; v3: queue and upload limits; v4: plan_json; v5: webhooks; v6: relay state
        Assert.Equal(_schema.Name, await _schema.ScalarAsync("SELECT table_schema::text FROM information_schema.tables WHERE table_name = 'tasks' AND table_schema = current_schema();"));
    }

    [Fact]
    public async Task Processes_starting_together_apply_each_migration_once()
    {
        await using var fresh = await PostgresTestSchema.CreateAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => TaskStoreFactory.CreatePostgres(fresh.ConnectionString, Time)).ToList();
        try
        {
            await RunConcurrentlyAsync(stores.Count, async i => { await stores[i].InitializeAsync(Ct); return true; });

            Assert.Equal((long)LatestVersion, await fresh.ScalarAsync("SELECT COUNT(*) FROM schema_version;"));
            var created = await stores[0].CreateAsync(New(), Ct);
            Assert.NotNull(await stores[5].GetAsync(created.Task.Id, TenantA, Ct));
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Initialize_again_applies_nothing_and_keeps_the_data()
    {
        var task = await CreateAsync();

        await Store.InitializeAsync(Ct);
        await OpenStore(Time).InitializeAsync(Ct);

        Assert.Equal((long)LatestVersion, await _schema.ScalarAsync("SELECT COUNT(*) FROM schema_version;"));
        Assert.NotNull(await Store.GetAsync(task.Id, TenantA, Ct));
    }

    [Fact]
    public async Task Times_are_timestamptz_in_utc_and_status_the_wire_name()
    {
        var task = await CreateAsync();

        var submit = (DateTime)(await _schema.ScalarAsync("SELECT submit_time FROM tasks WHERE id = @id;", ("id", task.Id)))!;
        Assert.Equal(Start.UtcDateTime, submit);
        Assert.Equal(DateTimeKind.Utc, submit.Kind);
        Assert.Equal("PENDING", await _schema.ScalarAsync("SELECT status FROM tasks WHERE id = @id;", ("id", task.Id)));
        Assert.Equal("wan2.7-videoedit", await _schema.ScalarAsync("SELECT request_json->>'model' FROM tasks WHERE id = @id;", ("id", task.Id)));
    }

    [Fact]
    public async Task The_unique_index_itself_refuses_a_second_row_with_one_key()
    {
        await CreateAsync(key: "k");

        var error = await Assert.ThrowsAsync<PostgresException>(() => _schema.ScalarAsync("""
            INSERT INTO tasks (id, tenant_id, request_json, request_id, status, submit_time, idempotency_key, model_name)
            VALUES (gen_random_uuid(), 'tenant-a', '{}', 'r', 'PENDING', now(), 'k', 'm');
            """));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task The_table_refuses_an_unknown_status_and_a_running_row_without_a_lease()
    {
        var task = await CreateAsync();

        var unknown = await Assert.ThrowsAsync<PostgresException>(
            () => _schema.ScalarAsync("UPDATE tasks SET status = 'EXPLODED' WHERE id = @id;", ("id", task.Id)));
        var leaseless = await Assert.ThrowsAsync<PostgresException>(
            () => _schema.ScalarAsync("UPDATE tasks SET status = 'RUNNING' WHERE id = @id;", ("id", task.Id)));

        Assert.Equal(PostgresErrorCodes.CheckViolation, unknown.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, leaseless.SqlState);
        Assert.Equal(EditTaskStatus.Pending, (await GetRequiredAsync(task)).Status);
    }

    [Fact]
    public async Task A_corrupt_row_is_reported_not_misread()
    {
        var task = await CreateAsync();
        await _schema.ScalarAsync("UPDATE tasks SET request_json = 'null' WHERE id = @id;", ("id", task.Id));

        await Assert.ThrowsAsync<InvalidDataException>(() => Store.GetAsync(task.Id, TenantA, Ct));
    }

    [Fact]
    public async Task A_postgresql_uri_works_as_well_as_key_value_pairs()
    {
        var b = new NpgsqlConnectionStringBuilder(_schema.ConnectionString);
        var uri = $"postgresql://{Uri.EscapeDataString(b.Username!)}:{Uri.EscapeDataString(b.Password!)}@{b.Host}:{b.Port}/{b.Database}?search_path={_schema.Name}";
        var task = await CreateAsync();

        var viaUri = TaskStoreFactory.Create(uri, Time);
        try
        {
            Assert.IsType<PostgresProvider>(viaUri.Database);
            await viaUri.InitializeAsync(Ct);
            Assert.Equal(task.Id, (await viaUri.GetAsync(task.Id, TenantA, Ct))?.Id);
        }
        finally
        {
            await viaUri.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_unreachable_server_fails_initialize_with_a_database_error()
    {
        // Port 1 on loopback: refused at once, no waiting for a timeout.
        await using var store = TaskStoreFactory.CreatePostgres("Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=3", Time);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.InitializeAsync(Ct));
    }

    [Fact]
    public async Task A_search_path_schema_that_does_not_exist_is_an_error_not_a_silent_fallback()
    {
        var missing = new NpgsqlConnectionStringBuilder(_schema.BaseConnectionString) { SearchPath = "recut_no_such_schema" }.ConnectionString;
        await using var store = TaskStoreFactory.CreatePostgres(missing, Time);

        await Assert.ThrowsAsync<PostgresException>(() => store.InitializeAsync(Ct));
    }
}
