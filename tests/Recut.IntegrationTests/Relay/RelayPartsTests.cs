using Microsoft.Extensions.Logging.Abstractions;
using Recut.Engines.DashScope;
using Recut.Server.Hosting.Relay;
using Recut.Tasks.Relay;
using Recut.Tasks.Sql;

namespace Recut.IntegrationTests.Relay;

/// <summary>The relay's small parts on their own: media routing, the key pool, the record store and the import of old files.</summary>
public sealed class RelayPartsTests
{
    [Theory]
    [InlineData("https://cdn.example.com/v.mp4", "auto", false)]
    [InlineData("http://8.8.8.8/v.mp4", "auto", false)]
    [InlineData("oss://recut-uploads/0123/v.mp4", "auto", true)]
    [InlineData("http://127.0.0.1:8080/v.mp4", "auto", true)]
    [InlineData("http://[::1]/v.mp4", "auto", true)]
    [InlineData("http://10.1.2.3/v.mp4", "auto", true)]
    [InlineData("http://172.20.0.5/v.mp4", "auto", true)]
    [InlineData("http://192.168.1.9/v.mp4", "auto", true)]
    [InlineData("http://169.254.169.254/latest", "auto", true)]
    [InlineData("http://localhost/v.mp4", "auto", true)]
    [InlineData("http://media/v.mp4", "auto", true)]
    [InlineData("http://nas.local/v.mp4", "auto", true)]
    [InlineData("https://cdn.example.com/v.mp4", "always", true)]
    [InlineData("http://127.0.0.1/v.mp4", "never", false)]
    public void Media_that_upstream_cannot_reach_is_uploaded(string url, string mode, bool upload) =>
        Assert.Equal(upload, MediaRouting.MustUpload(url, mode));

    [Fact]
    public async Task A_key_rejected_repeatedly_leaves_the_rotation_and_returns_after_the_cool_down()
    {
        var pool = new DashScopeKeyPool(["sk-aaaa1111", "sk-bbbb2222"],
            new DashScopeOptions { KeyFailureThreshold = 2, KeyCooldownMinutes = 2.0 / 60 }, TimeProvider.System);
        var first = pool.Next()!;
        Assert.NotEqual(first.Id, pool.Next()!.Id);
        Assert.False(pool.ReportRejected(first, "InvalidApiKey", "Invalid API-key provided."));
        Assert.True(pool.ReportRejected(first, "InvalidApiKey", "Invalid API-key provided."));
        Assert.All(Enumerable.Range(0, 4), _ => Assert.NotEqual(first.Id, pool.Next()!.Id));
        var state = pool.Snapshot().Single(s => s.Id == first.Id);
        Assert.False(state.InRotation);
        Assert.Contains("InvalidApiKey", state.LastRejection, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-aaaa1111", state.Label, StringComparison.Ordinal);
        Assert.Null(pool.Next(new HashSet<string>(pool.Snapshot().Where(s => s.InRotation).Select(s => s.Id))));

        await Task.Delay(TimeSpan.FromSeconds(2.3));
        Assert.True(pool.IsInRotation(first.Id));
        // Back on probation: one more rejection is enough.
        Assert.True(pool.ReportRejected(first, "Arrearage", "Access denied."));
        Assert.False(pool.IsInRotation(first.Id));
        Assert.Same(first, pool.Find(first.Id));
    }

    [Fact]
    public async Task The_database_journal_keeps_every_field_and_refuses_a_write_from_a_stale_version()
    {
        await using var db = await RelayDatabase.OpenAsync();
        var record = new UpstreamTaskRecord
        {
            TaskId = Guid.NewGuid(),
            KeyId = "k1",
            CreateStartedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_123),
            UpstreamTaskId = "up-a",
            CreateRequestId = "req-a",
            Uploads = new Dictionary<string, string> { ["http://x/v.mp4"] = "oss://d/v.mp4" },
            UploadedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000),
        };
        Assert.Null(await db.Journal.ReadAsync(record.TaskId, default));

        var stored = await db.Journal.TryWriteAsync(record, default);

        var read = await db.Journal.ReadAsync(record.TaskId, default);
        Assert.Equal(1, stored?.Version);
        Assert.NotNull(read);
        Assert.Equal(record with { UpdatedAt = read.UpdatedAt, Version = 1, Uploads = read.Uploads }, read);
        Assert.Equal("oss://d/v.mp4", read.Uploads["http://x/v.mp4"]);
        Assert.Null(await db.Journal.TryWriteAsync(record with { KeyId = "k2" }, default)); // version 0: someone stored one first
        Assert.Equal(["up-a"], (await db.Journal.ClaimedUpstreamIdsAsync(default)).ToArray());
        Assert.Equal(1, await db.Journal.DeleteWrittenBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), default));
    }

    [Fact]
    public async Task A_claim_merges_over_what_another_worker_wrote_but_never_over_a_recorded_upstream_task()
    {
        await using var db = await RelayDatabase.OpenAsync();
        var writer = new UpstreamRecordWriter(db.Journal, NullLogger.Instance);
        var mine = await writer.SaveAsync(new UpstreamTaskRecord { TaskId = Guid.NewGuid(), KeyId = "k1", CreateStartedAt = DateTimeOffset.UtcNow }, default);
        // A worker that took the task over wrote uploads of its own meanwhile: a plain save from the old version loses…
        await writer.SaveAsync(mine with { UploadedAt = DateTimeOffset.UtcNow }, default);
        await Assert.ThrowsAsync<UpstreamRecordConflictException>(() => writer.SaveAsync(mine with { CreateRequestId = "x" }, default));

        // …but the upstream task this worker's create made is recorded over it, with this worker's key.
        var claimed = await writer.ClaimAsync(mine, "up-1", "req-1");
        Assert.Equal(("up-1", "req-1", "k1", 3L), (claimed.UpstreamTaskId, claimed.CreateRequestId, claimed.KeyId, claimed.Version));

        // A second upstream task for the same Recut task (a gate lost to a stall) does not replace the first.
        var again = await writer.ClaimAsync(mine with { KeyId = "k2" }, "up-2", "req-2");
        Assert.Equal("up-1", again.UpstreamTaskId);
        Assert.Equal("up-1", (await db.Journal.ReadAsync(mine.TaskId, default))?.UpstreamTaskId);
    }

    [Fact]
    public async Task Records_an_earlier_release_kept_as_files_move_into_the_database_once()
    {
        await using var db = await RelayDatabase.OpenAsync();
        using var dir = new Recut.TestSupport.TempDir("recut-journal-");
        var folder = Path.Combine(dir.Path, "upstream");
        Directory.CreateDirectory(folder);
        var inFlight = Guid.NewGuid();
        var alreadyMoved = Guid.NewGuid();
        // Exactly what FileUpstreamTaskJournal wrote (JsonSerializerDefaults.Web, indented), plus its lock file and a torn temporary.
        await File.WriteAllTextAsync(Path.Combine(folder, $"{inFlight:D}.json"), $$"""
            {
              "taskId": "{{inFlight:D}}",
              "keyId": "0123456789ab",
              "createStartedAt": "2026-11-30T10:00:00+00:00",
              "upstreamTaskId": "up-in-flight",
              "createRequestId": "req-1",
              "uploads": { "http://files/v.mp4": "oss://dashscope-instant/v.mp4" },
              "uploadedAt": "2026-11-30T09:59:00+00:00",
              "updatedAt": "2026-11-30T10:00:01+00:00"
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{alreadyMoved:D}.json"), $$"""{"taskId":"{{alreadyMoved:D}}","keyId":"old"}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "torn.json"), "{\"taskId\":");
        await File.WriteAllTextAsync(Path.Combine(folder, ".create.lock"), "");
        await File.WriteAllTextAsync(Path.Combine(folder, $"{inFlight:D}.json.abc.tmp"), "{");
        await db.Journal.TryWriteAsync(new UpstreamTaskRecord { TaskId = alreadyMoved, KeyId = "newer", UpstreamTaskId = "up-newer" }, default);

        await new FileJournalImport(folder, db.Journal, NullLogger<FileJournalImport>.Instance).StartAsync(default);

        var moved = await db.Journal.ReadAsync(inFlight, default);
        Assert.NotNull(moved);
        Assert.Equal(("0123456789ab", "up-in-flight", "req-1", "oss://dashscope-instant/v.mp4"),
            (moved.KeyId, moved.UpstreamTaskId, moved.CreateRequestId, moved.Uploads["http://files/v.mp4"]));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), moved.CreateStartedAt);
        Assert.Equal("newer", (await db.Journal.ReadAsync(alreadyMoved, default))?.KeyId); // the database's record wins
        Assert.False(Directory.Exists(folder), "the old folder is left behind");

        // A second start finds nothing to do.
        await new FileJournalImport(folder, db.Journal, NullLogger<FileJournalImport>.Instance).StartAsync(default);
    }
}

/// <summary>A SQLite task database of its own with the relay's journal on it, for the parts tests.</summary>
internal sealed class RelayDatabase : IAsyncDisposable
{
    private readonly Recut.TestSupport.TempDir _dir = new("recut-relaydb-");
    private SqlProvider _db = null!;

    public SqlProvider Provider => _db;

    public DatabaseUpstreamJournal Journal { get; private set; } = null!;

    public static async Task<RelayDatabase> OpenAsync()
    {
        var db = new RelayDatabase();
        db._db = SqlProvider.Open(Path.Combine(db._dir.Path, "tasks.db"));
        await new SqlTaskStore(db._db, TimeProvider.System).InitializeAsync(default);
        db.Journal = new DatabaseUpstreamJournal(new SqlRelayStateStore(db._db, TimeProvider.System));
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
