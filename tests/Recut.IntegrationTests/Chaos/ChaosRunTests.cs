using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;
using Xunit.Abstractions;

namespace Recut.IntegrationTests.Chaos;

/// <summary>
/// Scale-out under fire with no shared folder: two API processes and two worker processes, each on a data folder of
/// its own, sharing only one PostgreSQL schema, one bucket on the test S3 server and one signing secret. Sixty small
/// tasks go in through both APIs; worker processes are SIGKILLed at random (preferably while they hold a lease) and
/// restarted. Every task must end SUCCEEDED exactly once: one object each in the bucket, downloadable and playable
/// through its signed URL from either API process, none left RUNNING, none lost, no task recorded as finished by two
/// attempts, no result or staging file in any data folder. Every task also has a webhook to a receiver in the test
/// (slow to answer, so kills land mid-delivery): each task's final event must arrive at least once, and the duplicates
/// are counted. Needs RECUT_TEST_PG (see ChaosDatabase) and RECUT_TEST_S3 (see TestS3).
/// Knobs for local runs: RECUT_CHAOS_TASKS (default 60), RECUT_CHAOS_SEED.
/// </summary>
[Trait("Category", "Postgres")]
[Trait("Category", TestS3.Category)]
[Collection(HeavyCollection.Name)]
public sealed class ChaosRunTests(ITestOutputHelper output)
{
    private const int WorkerProcesses = 2;
    private const int MaxKills = 12;
    /// <summary>
    /// The run fails as stuck when no task has become final for this long. Progress, not speed: on two idle cores the
    /// run takes about 2 minutes, on cores shared with other builds a task alone has taken 25 s, so a bound on the
    /// whole run either fails loaded machines or is too loose to catch anything.
    /// </summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(4);

    /// <summary>A last resort for a run that trickles forward far too slowly to be healthy.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task Killing_workers_at_random_loses_no_task_and_finishes_none_twice()
    {
        var server = ChaosDatabase.ServerOrNull();
        if (server is null)
        {
            output.WriteLine($"Not run: {ChaosDatabase.OptOut}=1 and {ChaosDatabase.Variable} is not set.");
            return;
        }
        var taskCount = EnvInt("RECUT_CHAOS_TASKS", 60);
        var seed = EnvInt("RECUT_CHAOS_SEED", Environment.TickCount);

        using var dir = new TempDir("recut-chaos");
        var media = Path.Combine(dir.Path, "media");
        // The cheapest task the media rules allow: 2 s, small input; the engine still renders 1104×832 (4:3, 720P).
        await TestMedia.VideoAsync(Path.Combine(media, "clip.mp4"), 320, 240, 2);
        await using var files = await StaticFileServer.StartAsync(media);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.SlowDown("chaos", TimeSpan.FromMilliseconds(300));
        await using var db = await ChaosDatabase.CreateAsync(server);
        var s3 = TestS3.Require("chaos");
        var env = new Dictionary<string, string>(TestS3.ServeEnvironment(s3))
        {
            // The same in every process: a URL one API process signs, the other must accept.
            ["RECUT_SIGNING_SECRET"] = "chaos-signing-secret-" + Guid.NewGuid().ToString("N"),
            ["RECUT_DB"] = db.ConnectionString,
            ["RECUT_API_KEYS"] = string.Join(',', Keys.All),
            ["RECUT_ALLOW_PRIVATE_FETCH"] = "true", // the inputs come from a file server on 127.0.0.1
            ["RECUT_WORKERS"] = "1",
            ["RECUT_LEASE_SECONDS"] = "5",
            // Random kills may hit one task several times; this run is about recovery, not the poison-task limit.
            ["Recut__MaxAttempts"] = "50",
            ["Recut__SubmitsPerSecond"] = "10000",
            ["Recut__QueriesPerSecond"] = "10000",
            ["Recut__ConcurrencyPerKey"] = "10",
            ["RECUT_ALLOW_PRIVATE_WEBHOOKS"] = "true", // the receiver is on 127.0.0.1 too
            // A killed deliverer's claims expire after 5 × the timeout: short, so the run waits seconds, not minutes.
            ["Recut__WebhookTimeoutSeconds"] = "3",
            ["Recut__WebhookRetryBaseSeconds"] = "0.5",
            ["Recut__WebhookPollMilliseconds"] = "250",
        };

        await using var apiA = new ServerProcess(Path.Combine(dir.Path, "api-0-data"), env);
        await using var apiB = new ServerProcess(Path.Combine(dir.Path, "api-1-data"), env);
        ServerProcess[] apiProcesses = [apiA, apiB];
        await Task.WhenAll(apiProcesses.Select(p => p.StartAsync("--role", "api")));
        var workerData = Enumerable.Range(0, WorkerProcesses).Select(i => Path.Combine(dir.Path, $"worker-{i}-data")).ToList();
        await using var workers = new WorkerPool(slot => workerData[slot], env, WorkerProcesses);
        await workers.StartAllAsync();
        using var clientA = new Api(apiA.BaseUrl);
        using var clientB = new Api(apiB.BaseUrl);
        Api[] apis = [clientA, clientB];

        var clock = Stopwatch.StartNew();
        var ids = await SubmitAsync(apis, files.Url("clip.mp4").ToString(), receiver.Url("chaos").ToString(), taskCount);
        var submitted = clock.Elapsed;
        var kills = await RunChaosAsync(db, workers, taskCount, new Random(seed), clock);
        var finishedAt = clock.Elapsed;

        using var bucket = new Recut.Media.Storage.S3.S3Bucket(s3);
        var report = await ChaosReport.CollectAsync(db, apis, workers, bucket,
            workerData.Concat(apiProcesses.Select(p => p.DataDirectory)).ToList(), Path.Combine(dir.Path, "downloads"), ids);
        var hooks = await WebhookChaosReport.CollectAsync(receiver, ids, TimeSpan.FromMinutes(3));
        var summary = $"chaos seed {seed}: {taskCount} tasks submitted in {submitted.TotalSeconds:0.0} s, all final after {finishedAt.TotalSeconds:0.0} s\n"
            + $"kills: {kills.Count} SIGKILLs of worker processes ({kills.Count(k => k.HeldLease)} while holding a lease, "
            + $"{kills.Count(k => k.Delivering)} while delivering webhooks), {workers.Started} worker processes started in all\n"
            + report.Describe() + "\n" + hooks.Describe();
        Publish(summary);
        hooks.AssertEveryFinalEventArrived(taskCount);

        report.AssertEveryTaskSucceededExactlyOnce(taskCount);
        Assert.True(kills.Count(k => k.HeldLease) >= 3,
            $"only {kills.Count(k => k.HeldLease)} kills landed on a worker mid-task; the run proved too little");
        Assert.True(report.RetriedTasks >= 1, "no task needed a second attempt: no kill interrupted any work");
    }

    /// <summary>
    /// Creates the tasks, each with its own Idempotency-Key, a few at a time, through the API processes in turn. Then
    /// repeats some through the other API process (same key, same body → the same task) and sends one key with another
    /// body (→ 400): duplicates must never add tasks, whichever process they reach.
    /// </summary>
    private static async Task<List<string>> SubmitAsync(IReadOnlyList<Api> apis, string videoUrl, string webhookUrl, int count)
    {
        var api = apis[0];
        JsonObject Body(int seed) => Api.Body(videoUrl, [], "make it black and white",
            new JsonObject { ["resolution"] = "720P", ["prompt_extend"] = false, ["seed"] = seed, ["webhook_url"] = webhookUrl });
        async Task<string> Create(int i, int through)
        {
            var (status, json) = await apis[through % apis.Count].PostAsync(Api.DashScopeCreate, Body(i).ToJsonString(),
                headers: new Dictionary<string, string> { ["Idempotency-Key"] = $"chaos-{i}" });
            Assert.True(status == 200, $"create {i} answered {status}: {json}");
            return json.GetProperty("output").GetProperty("task_id").GetString()!;
        }

        var ids = new string[count];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                ids[i] = await Create(i, i);
            }
            finally
            {
                gate.Release();
            }
        }));

        var repeats = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Create(i, i + 1)));
        Assert.Equal(ids.Take(10), repeats);
        var (conflict, body) = await api.PostAsync(Api.DashScopeCreate, Body(999).ToJsonString(),
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = "chaos-0" });
        Assert.True(conflict == 400, $"same key, other body answered {conflict}: {body}");
        Assert.Equal("InvalidParameter", body.GetProperty("code").GetString());
        Assert.Equal(count, ids.Distinct().Count());
        return [.. ids];
    }

    /// <summary>
    /// Until every task is final: now and then SIGKILL a worker process (one holding a live lease when there is
    /// one), pause, start a fresh process in its place. Kills stop near the end so the run finishes.
    /// </summary>
    internal static async Task<List<Kill>> RunChaosAsync(ChaosDatabase db, WorkerPool workers, int total, Random random, Stopwatch clock)
    {
        var kills = new List<Kill>();
        var nextKill = clock.Elapsed + TimeSpan.FromSeconds(3);
        var (lastFinal, progressAt) = (0, clock.Elapsed);
        while (true)
        {
            var counts = await db.StatusCountsAsync();
            var final = counts.Where(c => c.Key is "SUCCEEDED" or "FAILED" or "CANCELED").Sum(c => c.Value);
            if (final >= total)
            {
                return kills;
            }
            if (final > lastFinal)
            {
                (lastFinal, progressAt) = (final, clock.Elapsed);
            }
            var state = string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"));
            Assert.True(clock.Elapsed - progressAt < StallLimit,
                $"stuck: no task became final for {StallLimit} ({state})\n{Tail(workers.AllLogs())}");
            Assert.True(clock.Elapsed < RunLimit, $"not finished within {RunLimit}: {state}\n{Tail(workers.AllLogs())}");

            if (kills.Count < MaxKills && final < total * 0.9 && clock.Elapsed >= nextKill)
            {
                var busy = (await db.LiveLeaseOwnersAsync()).Select(workers.SlotOfWorker).OfType<int>().Distinct().ToList();
                var delivering = (await db.LiveWebhookClaimersAsync()).Select(workers.SlotOfWorker).OfType<int>().Distinct().ToList();
                // Every third kill goes to a process delivering webhooks when there is one, the others to lease holders.
                var pool = kills.Count % 3 == 2 && delivering.Count > 0 ? delivering : busy.Count > 0 ? busy : delivering;
                var slot = pool.Count > 0 ? pool[random.Next(pool.Count)] : random.Next(workers.Size);
                await workers.KillAsync(slot);
                kills.Add(new Kill(slot, busy.Contains(slot), delivering.Contains(slot), clock.Elapsed));
                await Task.Delay(random.Next(200, 1500));
                await workers.StartAsync(slot);
                nextKill = clock.Elapsed + TimeSpan.FromSeconds(random.Next(2, 6));
            }
            await Task.Delay(400);
        }
    }

    /// <summary>
    /// The counts go to the test output and to artifacts/chaos/summary.txt: the console logger shows a passing
    /// test's output only at detailed verbosity, and CI should show them either way.
    /// </summary>
    private void Publish(string summary)
    {
        output.WriteLine(summary);
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "chaos");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "summary.txt"), summary);
    }

    internal static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    internal static string Tail(string log, int lines = 60) =>
        string.Join('\n', log.Split('\n').TakeLast(lines));

    internal sealed record Kill(int Slot, bool HeldLease, bool Delivering, TimeSpan At);
}
