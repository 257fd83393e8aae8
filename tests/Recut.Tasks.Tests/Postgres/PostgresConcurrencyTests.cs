using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Recut.Protocol.Requests;
using Recut.Tasks.Postgres;
using Recut.Tasks.Sql;

namespace Recut.Tasks.Tests.Postgres;

/// <summary>
/// What several processes on one PostgreSQL server must get right together and the shared suite cannot show
/// on SQLite: limits and sweeps enforced across store instances, and locks that make others skip rather than wait.
/// Each store instance has its own connection pool, so each stands in for a process.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresConcurrencyTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static CancellationToken Ct => CancellationToken.None;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero));
    private readonly List<SqlTaskStore> _stores = [];
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync();
        for (var i = 0; i < 4; i++)
        {
            _stores.Add(TaskStoreFactory.CreatePostgres(_schema.ConnectionString, _time));
        }
        await _stores[0].InitializeAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_per_tenant_limit_holds_when_many_processes_lease_at_once()
    {
        await CreateManyAsync("tenant-a", 12);
        await CreateManyAsync("tenant-b", 12);

        // 16 leasers, 4 per "process", all at the same instant: only the limit's worth per tenant may win.
        var leases = await RunConcurrentlyAsync(16, i => _stores[i % 4].TryLeaseNextAsync($"w{i}", Lease, 3, Ct));

        var won = leases.Where(l => l is not null).Select(l => l!.Task).ToList();
        Assert.Equal(3, won.Count(t => t.TenantId == "tenant-a"));
        Assert.Equal(3, won.Count(t => t.TenantId == "tenant-b"));
        Assert.Equal(won.Count, won.Select(t => t.Id).Distinct().Count());
        Assert.Equal(3L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE status = 'RUNNING' AND tenant_id = 'tenant-a';"));
    }

    [Fact]
    public async Task A_row_another_process_has_locked_is_skipped_not_waited_for()
    {
        var tasks = await CreateManyAsync("tenant-a", 2);
        var (connection, tx) = await _schema.BeginAsync();
        await using (connection)
        await using (tx)
        {
            await using var hold = new NpgsqlCommand("SELECT id FROM tasks WHERE id = @id FOR UPDATE;", connection, tx);
            hold.Parameters.AddWithValue("id", tasks[0].Id);
            await hold.ExecuteScalarAsync(Ct);

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var lease = await _stores[1].TryLeaseNextAsync("w", Lease, 10, patience.Token);

            Assert.Equal(tasks[1].Id, lease?.Task.Id);
        }
    }

    [Fact]
    public async Task Only_one_process_sweeps_at_a_time_and_the_others_return_nothing()
    {
        await CreateFinishedAsync("tenant-a", 3);
        _time.Advance(TimeSpan.FromHours(2));
        var cutoff = _time.GetUtcNow();
        var (connection, tx) = await _schema.BeginAsync();
        await using (connection)
        await using (tx)
        {
            // Another process is mid-sweep: it holds the retention lock of this schema.
            await using var hold = new NpgsqlCommand($"SELECT {PostgresLocks.TryRetention};", connection, tx);
            Assert.Equal(true, await hold.ExecuteScalarAsync(Ct));

            Assert.Empty(await _stores[1].DeleteSubmittedBeforeAsync(cutoff, Ct));
            Assert.Equal(3L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks;"));
        }

        Assert.Equal(3, (await _stores[1].DeleteSubmittedBeforeAsync(cutoff, Ct)).Count);
    }

    [Fact]
    public async Task Concurrent_sweeps_delete_each_task_once()
    {
        await CreateFinishedAsync("tenant-a", 30);
        _time.Advance(TimeSpan.FromHours(2));

        var deleted = await RunConcurrentlyAsync(8, i => _stores[i % 4].DeleteSubmittedBeforeAsync(_time.GetUtcNow(), Ct));

        var ids = deleted.SelectMany(d => d).Select(t => t.Id).ToList();
        Assert.Equal(30, ids.Count);
        Assert.Equal(30, ids.Distinct().Count());
        Assert.Equal(0L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks;"));
    }

    [Fact]
    public async Task The_sweep_passes_over_a_row_being_written_and_takes_it_next_time()
    {
        var tasks = await CreateFinishedAsync("tenant-a", 2);
        _time.Advance(TimeSpan.FromHours(2));
        var (connection, tx) = await _schema.BeginAsync();
        await using (connection)
        await using (tx)
        {
            await using var hold = new NpgsqlCommand("SELECT id FROM tasks WHERE id = @id FOR UPDATE;", connection, tx);
            hold.Parameters.AddWithValue("id", tasks[0].Id);
            await hold.ExecuteScalarAsync(Ct);

            Assert.Equal(tasks[1].Id, Assert.Single(await _stores[2].DeleteSubmittedBeforeAsync(_time.GetUtcNow(), Ct)).Id);
        }

        Assert.Equal(tasks[0].Id, Assert.Single(await _stores[2].DeleteSubmittedBeforeAsync(_time.GetUtcNow(), Ct)).Id);
    }

    [Fact]
    public async Task Concurrent_exhaustion_checks_fail_each_task_once()
    {
        var tasks = await CreateManyAsync("tenant-a", 10);
        foreach (var _ in tasks)
        {
            Assert.NotNull(await _stores[0].TryLeaseNextAsync("w", Lease, 100, Ct));
        }
        _time.Advance(Lease + TimeSpan.FromSeconds(1));

        var counts = await RunConcurrentlyAsync(8, i => _stores[i % 4].FailExhaustedAsync(1, Ct));

        Assert.Equal(10, counts.Sum());
        Assert.Equal(10L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE status = 'FAILED';"));
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_from_several_processes_make_one_task()
    {
        var outcomes = await RunConcurrentlyAsync(24, i => _stores[i % 4].CreateAsync(New("tenant-a", key: "same"), Ct));

        Assert.Single(outcomes, o => o.Created);
        Assert.Single(outcomes.Select(o => o.Task.Id).Distinct());
        Assert.Equal(1L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks;"));
    }

    [Fact]
    public async Task Concurrent_duplicates_with_different_bodies_make_one_task_and_conflicts()
    {
        var results = await RunConcurrentlyAsync(12, async i =>
        {
            try
            {
                return (await _stores[i % 4].CreateAsync(New("tenant-a", key: "k", prompt: $"body {i % 2}"), Ct)).Task.Id.ToString();
            }
            catch (IdempotencyConflictException)
            {
                return "conflict";
            }
        });

        // Whichever body won, the other body's callers were refused; nobody got a second task.
        Assert.Single(results.Where(r => r != "conflict").Distinct());
        Assert.Contains("conflict", results);
        Assert.Equal(1L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks;"));
    }

    [Fact]
    public async Task Concurrent_creates_for_two_tenants_from_several_processes_stop_at_each_tenants_cap()
    {
        var limits = new QueueLimits(PerTenant: 10, Total: 0);
        // 48 creates, interleaved tenants, across four "processes": batches take tenant locks in one order or deadlock.
        var results = await RunConcurrentlyAsync(48, async i =>
        {
            try
            {
                await _stores[i % 4].CreateAsync(New(i % 2 == 0 ? "tenant-a" : "tenant-b") with { Queue = limits }, Ct);
                return "created";
            }
            catch (QueueFullException)
            {
                return "full";
            }
        });

        Assert.Equal(20, results.Count(r => r == "created"));
        Assert.Equal(28, results.Count(r => r == "full"));
        Assert.Equal(10L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE tenant_id = 'tenant-a';"));
        Assert.Equal(10L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE tenant_id = 'tenant-b';"));
    }

    [Fact]
    public async Task A_create_the_database_refuses_fails_alone_and_the_creates_batched_with_it_are_stored()
    {
        // jsonb refuses \u0000: an input the API should never let through, and one create's problem, not its batch's.
        var results = await RunConcurrentlyAsync(24, async i =>
        {
            try
            {
                await _stores[i % 4].CreateAsync(New("tenant-a", prompt: i == 5 ? "nul \0 inside" : $"edit {i}"), Ct);
                return "created";
            }
            catch (PostgresException e)
            {
                return e.SqlState;
            }
        });

        Assert.Equal(23, results.Count(r => r == "created"));
        Assert.Equal(PostgresErrorCodes.UntranslatableCharacter, results[5]);
        Assert.Equal(23L, await _schema.ScalarAsync("SELECT COUNT(*) FROM tasks;"));
    }

    private static NewEditTask New(string tenant, string? key = null, string prompt = "make it black and white") =>
        new(tenant, new EditRequest
        {
            Model = EditRequest.ModelId,
            Prompt = prompt,
            VideoUrl = "https://example.com/in.mp4",
            ReferenceImageUrls = [],
            Dialect = Dialect.DashScope,
        }, "req-" + Guid.NewGuid().ToString("N"), key, "hash:" + prompt);

    private async Task<List<EditTask>> CreateManyAsync(string tenant, int count)
    {
        var tasks = new List<EditTask>();
        for (var i = 0; i < count; i++)
        {
            tasks.Add((await _stores[0].CreateAsync(New(tenant), Ct)).Task);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }
        return tasks;
    }

    /// <summary>Tasks the retention sweep may take: created, then canceled (only final tasks expire).</summary>
    private async Task<List<EditTask>> CreateFinishedAsync(string tenant, int count)
    {
        var tasks = await CreateManyAsync(tenant, count);
        foreach (var t in tasks)
        {
            Assert.True(await _stores[0].CancelAsync(t.Id, tenant, Ct));
        }
        return tasks;
    }

    /// <summary>Every caller on its own thread, all released together (see TaskStoreBehaviour.RunConcurrentlyAsync).</summary>
    private static async Task<T[]> RunConcurrentlyAsync<T>(int count, Func<int, Task<T>> caller)
    {
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, count).Select(i => Task.Factory.StartNew(() =>
        {
            start.Wait(Ct);
            return caller(i);
        }, Ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
        start.Set();
        return await Task.WhenAll(callers);
    }
}
