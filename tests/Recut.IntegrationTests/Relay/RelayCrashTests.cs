using Recut.DashScopeSimulator;
using Recut.IntegrationTests.Infrastructure;
using Recut.Tasks.Relay;
using Recut.Tasks.Sql;

namespace Recut.IntegrationTests.Relay;

/// <summary>
/// kill -9 of a relaying server at the two moments that matter, then a restart on the same database: after the create
/// was answered and recorded (the new run resumes that upstream task), and after the create was sent but before its
/// answer arrived (the killed holder's create gate expires, the new run finds the task upstream and adopts it). Either
/// way: exactly one upstream task and one result.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class RelayCrashTests
{
    /// <summary>Long enough that a heartbeat delayed by a busy machine does not hand the task over while it still runs.</summary>
    private static Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string> { ["RECUT_LEASE_SECONDS"] = "8", ["Recut__DashScope__CreateGateLeaseSeconds"] = "3" };
        foreach (var (k, v) in extra)
        {
            settings[k] = v;
        }
        return settings;
    }

    [Fact]
    public async Task A_server_killed_after_the_create_was_answered_resumes_the_recorded_upstream_task()
    {
        await using var env = await RelayEnvironment.StartAsync(Settings(), childProcess: true);
        await using var relay = RelayState(env);
        var marker = Guid.NewGuid().ToString("N");
        env.Upstream.WhenPromptContains(marker, new SimOutcome { RunFor = TimeSpan.FromSeconds(6) });
        using var api = env.Api();
        var id = Guid.Parse(await env.CreateAsync(api, marker));
        await WaitForAsync(async () => (await relay.ReadAsync(id, default))?.UpstreamTaskId is not null);
        await env.Recut.KillAsync();
        Assert.Equal(Assert.Single(env.UpstreamTasksFor(marker)).Id, (await relay.ReadAsync(id, default))?.UpstreamTaskId);

        await env.Recut.StartAsync();
        var final = await api.WaitDashScopeAsync(id.ToString(), TimeSpan.FromMinutes(2));

        Assert.Equal("SUCCEEDED", RelayEnvironment.Status(final));
        Assert.Single(env.UpstreamTasksFor(marker));
        Assert.Contains("resuming upstream task", env.Recut.Log, StringComparison.Ordinal);
        AssertOneResult(env, id);
    }

    [Fact]
    public async Task A_server_killed_while_the_create_answer_was_on_its_way_adopts_that_task_once_the_gate_expires()
    {
        // The answer is held back far longer than the kill takes, and the relay waits for it patiently (it is not lost).
        await using var env = await RelayEnvironment.StartAsync(Settings(("Recut__DashScope__RequestTimeoutSeconds", "60")), childProcess: true);
        await using var relay = RelayState(env);
        await using var gates = new SqlCreateGateLeases(SqlProvider.Open(DbPath(env)), TimeProvider.System, ownsDatabase: true);
        env.Upstream.Faults.Enqueue(SimOperation.Create, SimFault.Slow(TimeSpan.FromSeconds(45)));
        var marker = Guid.NewGuid().ToString("N");
        using var api = env.Api();
        var id = Guid.Parse(await env.CreateAsync(api, marker));
        await RelayFlowTests.WaitUntilAsync(() => env.UpstreamTasksFor(marker).Count == 1, TimeSpan.FromMinutes(2));
        await env.Recut.KillAsync();

        // What the kill left: a create that may have happened (no upstream id), and the dead process's gate.
        var left = await relay.ReadAsync(id, default);
        Assert.NotNull(left);
        Assert.NotNull(left.CreateStartedAt);
        Assert.Null(left.UpstreamTaskId);
        Assert.NotNull(await gates.HolderAsync(left.KeyId, default));

        await env.Recut.StartAsync();
        var final = await api.WaitDashScopeAsync(id.ToString(), TimeSpan.FromMinutes(2));

        Assert.Equal("SUCCEEDED", RelayEnvironment.Status(final));
        var upstream = Assert.Single(env.UpstreamTasksFor(marker));
        Assert.Contains($"adopted upstream task {upstream.Id}", env.Recut.Log, StringComparison.Ordinal);
        Assert.Equal(upstream.Id, (await relay.ReadAsync(id, default))?.UpstreamTaskId);
        Assert.Null(await gates.HolderAsync(left.KeyId, default)); // released by the run that finished
        AssertOneResult(env, id);
    }

    private static string DbPath(RelayEnvironment env) => Path.Combine(env.Recut.DataDirectory, "tasks.db");

    /// <summary>The relay state of the server's own SQLite database, read beside it (WAL lets both in).</summary>
    private static SqlRelayStateStore RelayState(RelayEnvironment env) =>
        new(SqlProvider.Open(DbPath(env)), TimeProvider.System, ownsDatabase: true);

    private static void AssertOneResult(RelayEnvironment env, Guid id)
    {
        var results = Directory.GetFiles(Path.Combine(env.Recut.DataDirectory, "results"), "*.mp4", SearchOption.AllDirectories);
        Assert.Equal($"{id:D}.mp4", Path.GetFileName(Assert.Single(results)));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
