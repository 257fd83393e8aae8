using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Recut.IntegrationTests.Infrastructure;
using Recut.IntegrationTests.Relay;
using Recut.TestSupport;
using Xunit.Abstractions;

namespace Recut.IntegrationTests.Chaos;

/// <summary>
/// The relay under fire with no shared folder: two API processes and two relay worker processes, each on a data folder
/// of its own, sharing one PostgreSQL schema, one bucket on the test S3 server and one signing secret, in front of the
/// DashScope simulator with two upstream keys. Creates are answered slowly or lost now and then, so kill -9s land
/// between a create sent and its answer as well as while polling. What must hold: every Recut task final and
/// SUCCEEDED, exactly one upstream task per Recut task (0 paid for twice, 0 lost), every upstream task claimed by
/// exactly one relay record, one result object per task in the bucket and none in any data folder.
/// Needs RECUT_TEST_PG and RECUT_TEST_S3. Knobs: RECUT_RELAY_CHAOS_TASKS (default 30), RECUT_CHAOS_SEED.
/// </summary>
[Trait("Category", "Postgres")]
[Trait("Category", TestS3.Category)]
[Collection(HeavyCollection.Name)]
public sealed partial class RelayChaosRunTests(ITestOutputHelper output)
{
    private const int WorkerProcesses = 2;
    private const string SecondKey = "sk-relay-upstream-2";

    [Fact]
    public async Task Killing_relay_workers_on_separate_data_folders_pays_for_no_upstream_task_twice_and_loses_none()
    {
        var server = ChaosDatabase.ServerOrNull();
        if (server is null)
        {
            output.WriteLine($"Not run: {ChaosDatabase.OptOut}=1 and {ChaosDatabase.Variable} is not set.");
            return;
        }
        var taskCount = ChaosRunTests.EnvInt("RECUT_RELAY_CHAOS_TASKS", 30);
        var seed = ChaosRunTests.EnvInt("RECUT_CHAOS_SEED", Environment.TickCount);

        using var dir = new TempDir("recut-relay-chaos");
        var media = Path.Combine(dir.Path, "media");
        await TestMedia.VideoAsync(Path.Combine(media, "clip.mp4"), 320, 240, 2);
        await using var files = await StaticFileServer.StartAsync(media);
        await using var upstream = await DashScopeSimulator.DashScopeSimulator.StartAsync(Path.Combine(dir.Path, "upstream"));
        upstream.AddKey(RelayEnvironment.UpstreamKey);
        upstream.AddKey(SecondKey, "account-2");
        upstream.Settings.RunFor = TimeSpan.FromSeconds(2);
        // The first creates come back late (kills then land with a create sent and unanswered) or not at all.
        for (var i = 0; i < taskCount / 3; i++)
        {
            upstream.Faults.Enqueue(Recut.DashScopeSimulator.SimOperation.Create,
                i % 4 == 3 ? Recut.DashScopeSimulator.SimFault.Lost() : Recut.DashScopeSimulator.SimFault.Slow(TimeSpan.FromSeconds(2.5)));
        }
        await using var db = await ChaosDatabase.CreateAsync(server);
        var s3 = TestS3.Require("relay-chaos");
        var env = RelayEnvironment.Settings(upstream.BaseUrl, $"{RelayEnvironment.UpstreamKey},{SecondKey}", new Dictionary<string, string>(TestS3.ServeEnvironment(s3))
        {
            ["RECUT_SIGNING_SECRET"] = "relay-chaos-signing-secret-" + Guid.NewGuid().ToString("N"),
            ["RECUT_DB"] = db.ConnectionString,
            ["RECUT_API_KEYS"] = string.Join(',', Keys.All),
            ["RECUT_ALLOW_PRIVATE_FETCH"] = "true",
            ["RECUT_WORKERS"] = "2",
            ["RECUT_LEASE_SECONDS"] = "5",
            ["Recut__MaxAttempts"] = "50",
            ["Recut__QueriesPerSecond"] = "10000",
            ["Recut__ConcurrencyPerKey"] = "10",
            ["Recut__DashScope__RequestTimeoutSeconds"] = "5",
            ["Recut__DashScope__CreateGateLeaseSeconds"] = "3",
        });

        await using var apiProcess = new ServerProcess(Path.Combine(dir.Path, "api-0-data"), env);
        await using var secondApi = new ServerProcess(Path.Combine(dir.Path, "api-1-data"), env);
        await Task.WhenAll(apiProcess.StartAsync("--role", "api"), secondApi.StartAsync("--role", "api"));
        var workerData = Enumerable.Range(0, WorkerProcesses).Select(i => Path.Combine(dir.Path, $"worker-{i}-data")).ToList();
        await using var workers = new WorkerPool(slot => workerData[slot], env, WorkerProcesses);
        await workers.StartAllAsync();
        using var api = new Api(apiProcess.BaseUrl);
        using var api2 = new Api(secondApi.BaseUrl);

        var clock = Stopwatch.StartNew();
        var submitted = await SubmitAsync([api, api2], files.Url("clip.mp4").ToString(), taskCount);
        var kills = await ChaosRunTests.RunChaosAsync(db, workers, taskCount, new Random(seed), clock);

        var rows = await db.TasksAsync();
        List<string> objects;
        using (var bucket = new Recut.Media.Storage.S3.S3Bucket(s3))
        {
            objects = await ChaosReport.ResultObjectsAsync(bucket);
        }
        var dataFolders = workerData.Append(apiProcess.DataDirectory).Append(secondApi.DataDirectory).Where(Directory.Exists).ToList();
        var localResults = ChaosReport.ResultsIn(dataFolders);
        var claims = await db.RelayClaimsAsync();
        var logs = workers.AllLogs();
        var perMarker = submitted.ToDictionary(s => s.Id, s => upstream.Tasks.Where(t => t.Prompt.Contains(s.Marker, StringComparison.Ordinal)).ToList());
        var summary = $"relay chaos seed {seed}: {taskCount} tasks, all final after {clock.Elapsed.TotalSeconds:0.0} s; "
            + $"{kills.Count} SIGKILLs ({kills.Count(k => k.HeldLease)} while holding a lease), {workers.Started} worker processes in all\n"
            + $"rows: {string.Join(", ", rows.GroupBy(r => r.Status).Select(g => $"{g.Key}={g.Count()}"))}; "
            + $"{rows.Count(r => r.Attempts > 1)} tasks ran more than once\n"
            + $"upstream: {upstream.Tasks.Count} tasks for {taskCount} Recut tasks ({perMarker.Count(p => p.Value.Count > 1)} Recut tasks with more than one); "
            + $"{AdoptedLine().Count(logs)} lost creates adopted, {ResumedLine().Count(logs)} resumed after a takeover, "
            + $"{upstream.Faults.Pending(Recut.DashScopeSimulator.SimOperation.Create)} scripted create faults unused\n"
            + $"results: {objects.Count} objects in the bucket, {localResults.Count} mp4 in the data folders outside scratch "
            + $"({ChaosReport.ScratchLeftIn(dataFolders)} files of killed attempts in scratch)";
        output.WriteLine(summary);
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "chaos");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "relay-summary.txt"), summary);

        Assert.Equal(taskCount, rows.Count);
        Assert.All(rows, r => Assert.True(r.Status == "SUCCEEDED", $"{r.Id} is {r.Status}: {r.ErrorCode} {r.ErrorMessage}\n{summary}"));
        Assert.All(perMarker, p => Assert.True(p.Value.Count == 1, $"task {p.Key} has {p.Value.Count} upstream tasks\n{summary}"));
        Assert.Equal(taskCount, upstream.Tasks.Count);
        // Every Recut task's record claims its own upstream task, and no upstream task is claimed twice.
        Assert.All(perMarker, p => Assert.Equal(p.Value[0].Id, claims.GetValueOrDefault(Guid.Parse(p.Key))));
        Assert.Equal(taskCount, claims.Values.Distinct().Count());
        // Nothing lives in a data folder that another process would have to see: no relay journal, no result.
        Assert.All(dataFolders, d => Assert.False(Directory.Exists(Path.Combine(d, "upstream"))));
        Assert.True(rows.Select(r => r.Id.ToString("D")).ToHashSet().SetEquals(objects), $"the bucket's result objects do not match the tasks\n{summary}");
        Assert.Empty(localResults);
        Assert.True(kills.Count(k => k.HeldLease) >= 2, $"only {kills.Count(k => k.HeldLease)} kills landed on a worker mid-task\n{summary}");
        Assert.True(rows.Any(r => r.Attempts > 1), "no task needed a second attempt: no kill interrupted a relay");
    }

    /// <summary>Creates the tasks through the API processes in turn, each prompt with a marker its upstream task will carry.</summary>
    private static async Task<List<(string Id, string Marker)>> SubmitAsync(IReadOnlyList<Api> apis, string videoUrl, int count)
    {
        var submitted = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var marker = Guid.NewGuid().ToString("N");
            var body = Api.Body(videoUrl, [], $"make it warmer {marker}", new JsonObject { ["resolution"] = "720P" });
            var (status, json) = await apis[i % apis.Count].PostAsync(Api.DashScopeCreate, body.ToJsonString());
            Assert.True(status == 200, $"create {i} answered {status}: {json}");
            submitted.Add((json.GetProperty("output").GetProperty("task_id").GetString()!, marker));
        }
        return submitted;
    }

    [GeneratedRegex("adopted upstream task")]
    private static partial Regex AdoptedLine();

    [GeneratedRegex("resuming upstream task")]
    private static partial Regex ResumedLine();
}
