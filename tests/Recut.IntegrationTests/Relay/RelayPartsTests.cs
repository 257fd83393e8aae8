using Recut.Engines.DashScope;

namespace Recut.IntegrationTests.Relay;

/// <summary>The relay's small parts on their own: media routing, the key pool, the journal and the create gate.</summary>
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
    public async Task The_journal_replaces_records_whole_lists_claims_and_sweeps_only_records()
    {
        using var dir = new Recut.TestSupport.TempDir("recut-journal-");
        var journal = new FileUpstreamTaskJournal(dir.Path, TimeProvider.System);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Assert.Null(await journal.ReadAsync(a, default));
        await journal.WriteAsync(new UpstreamTaskRecord { TaskId = a, KeyId = "k1", CreateStartedAt = DateTimeOffset.UtcNow }, default);
        await journal.WriteAsync(new UpstreamTaskRecord { TaskId = a, KeyId = "k1", UpstreamTaskId = "up-a",
            Uploads = new Dictionary<string, string> { ["http://x/v.mp4"] = "oss://d/v.mp4" } }, default);
        await journal.WriteAsync(new UpstreamTaskRecord { TaskId = b, KeyId = "k1", CreateStartedAt = DateTimeOffset.UtcNow }, default);

        var read = (await journal.ReadAsync(a, default))!;
        Assert.Equal(("up-a", "oss://d/v.mp4"), (read.UpstreamTaskId, read.Uploads["http://x/v.mp4"]));
        Assert.Equal(["up-a"], (await journal.ClaimedUpstreamIdsAsync(default)).ToArray());
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);

        using var gate = new CreateGate(Path.Combine(dir.Path, ".create.lock"));
        await using (await gate.EnterAsync(default))
        {
            Assert.Equal(2, journal.DeleteWrittenBefore(DateTimeOffset.UtcNow.AddMinutes(1)));
        }
        Assert.Equal(".create.lock", Path.GetFileName(Assert.Single(Directory.GetFiles(dir.Path))));
    }

    [Fact]
    public async Task The_create_gate_admits_one_holder_at_a_time_even_across_gate_instances()
    {
        using var dir = new Recut.TestSupport.TempDir("recut-gate-");
        var path = Path.Combine(dir.Path, ".create.lock");
        using var one = new CreateGate(path);
        using var other = new CreateGate(path);
        var held = await one.EnterAsync(default);
        var waiting = other.EnterAsync(default);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using (await waiting.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            using var cts = new CancellationTokenSource(200);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => one.EnterAsync(cts.Token));
        }
    }
}
