using Microsoft.Extensions.Logging;
using Recut.Engines;
using Recut.Engines.DashScope;
using Recut.IntegrationTests.Infrastructure;
using Recut.Media.Fetching;
using Recut.Protocol.Requests;
using Recut.Server.Hosting.Relay;
using Recut.Tasks.Relay;

namespace Recut.IntegrationTests.Relay;

/// <summary>
/// The relay engine itself against the simulator, on a record store where another worker writes in between: a lost
/// compare-and-set makes it read the record again and carry on (one upstream task); one lost every time makes it give
/// up without ever sending a create.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class RelayConflictTests(RelayFixture fx)
{
    private RelayEnvironment Env => fx.Env;

    [Fact]
    public async Task A_record_write_lost_to_another_worker_is_read_again_and_the_relay_carries_on_with_one_upstream_task()
    {
        await using var db = await RelayDatabase.OpenAsync();
        // Just before this worker records that it is sending the create, a worker that took the task over records
        // uploads of its own (and no create).
        var journal = new InterferingJournal(db.Journal, mine => mine.CreateStartedAt is null ? null
            : mine with { CreateStartedAt = null, Uploads = new Dictionary<string, string> { ["http://x/v.mp4"] = "oss://x" } }, times: 1);
        using var logs = new LogCapture();
        var engine = Engine(db, journal, logs);
        var marker = Guid.NewGuid().ToString("N");
        using var work = new Recut.TestSupport.TempDir("recut-conflict-");
        var job = Job(marker, work.Path);

        var result = await engine.RunAsync(job, NullEditObserver.Instance, default);

        Assert.True(result.OutputVideoDuration > 0);
        var upstream = Assert.Single(Env.UpstreamTasksFor(marker));
        Assert.Equal(1, journal.Interfered);
        Assert.Contains("relay record changed under this worker", logs.Text, StringComparison.Ordinal);
        Assert.Equal(upstream.Id, (await db.Journal.ReadAsync(job.TaskId, default))?.UpstreamTaskId);
    }

    [Fact]
    public async Task A_worker_that_loses_every_record_write_gives_up_without_sending_a_create()
    {
        await using var db = await RelayDatabase.OpenAsync();
        var journal = new InterferingJournal(db.Journal, mine => mine with { CreateStartedAt = null }, times: int.MaxValue);
        using var logs = new LogCapture();
        var engine = Engine(db, journal, logs);
        var marker = Guid.NewGuid().ToString("N");
        using var work = new Recut.TestSupport.TempDir("recut-conflict-");

        await Assert.ThrowsAsync<UpstreamRecordConflictException>(() => engine.RunAsync(Job(marker, work.Path), NullEditObserver.Instance, default));

        Assert.Empty(Env.UpstreamTasksFor(marker));
        Assert.Equal(11, journal.Interfered); // the first try and ten more, each after reading the record again
    }

    private DashScopeEditEngine Engine(RelayDatabase db, IUpstreamTaskJournal journal, LogCapture logs)
    {
        var options = new DashScopeOptions
        {
            BaseUrl = Env.Upstream.BaseUrl.ToString(),
            ApiKeys = RelayEnvironment.UpstreamKey,
            MediaUpload = "never", // the simulator fetches the file server's URLs itself
            PollMinSeconds = 0.2,
            PollMaxSeconds = 0.4,
            RetryBaseSeconds = 0.1,
            RetryMaxSeconds = 0.4,
            LostCreateGraceSeconds = 0.3,
        };
        var fetcher = new HttpMediaFetcher(new FetchOptions { AllowPrivateAddresses = true, AllowedHosts = new HostAllowList(options.ResolveResultHosts()) });
        var gate = new DatabaseCreateGate(new CreateGate(new SqlCreateGateLeases(db.Provider, TimeProvider.System), TimeSpan.FromSeconds(5), TimeProvider.System));
#pragma warning disable CA2000 // the factory lives as long as the test's log capture; nothing to release
        var logger = new LoggerFactory([logs]).CreateLogger<DashScopeEditEngine>();
#pragma warning restore CA2000
        return new DashScopeEditEngine(options, new DashScopeKeyPool(options.ResolveKeys(), options, TimeProvider.System), journal, gate,
            new HttpClient(), fetcher, TimeProvider.System, logger);
    }

    private EditJob Job(string marker, string work)
    {
        var video = Path.Combine(work, "in.mp4");
        File.Copy(Path.Combine(Env.MediaDirectory, "clip.mp4"), video);
        return new EditJob
        {
            TaskId = Guid.NewGuid(),
            Request = new EditRequest { VideoUrl = Env.Clip.ToString(), Prompt = $"make it warmer {marker}" },
            Video = LocalMedia.Mp4File(video),
            WorkDirectory = work,
            OutputPath = Path.Combine(work, "out.mp4"),
        };
    }

    /// <summary>
    /// A journal where, before some of this worker's writes, "another worker" writes first (<paramref name="theirs"/> of
    /// this worker's record, from the stored version), so this worker's compare-and-set finds the record moved on.
    /// </summary>
    private sealed class InterferingJournal(IUpstreamTaskJournal inner, Func<UpstreamTaskRecord, UpstreamTaskRecord?> theirs, int times)
        : IUpstreamTaskJournal
    {
        public int Interfered { get; private set; }

        public Task<UpstreamTaskRecord?> ReadAsync(Guid taskId, CancellationToken ct) => inner.ReadAsync(taskId, ct);

        public async Task<UpstreamTaskRecord?> TryWriteAsync(UpstreamTaskRecord record, CancellationToken ct)
        {
            if (Interfered < times && theirs(record) is { } other)
            {
                Interfered++;
                var stored = await inner.ReadAsync(record.TaskId, ct);
                Assert.NotNull(await inner.TryWriteAsync(other with { Version = stored?.Version ?? 0 }, ct));
            }
            return await inner.TryWriteAsync(record, ct);
        }

        public Task<IReadOnlySet<string>> ClaimedUpstreamIdsAsync(CancellationToken ct) => inner.ClaimedUpstreamIdsAsync(ct);

        public Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken ct) => inner.DeleteWrittenBeforeAsync(cutoff, ct);
    }
}
