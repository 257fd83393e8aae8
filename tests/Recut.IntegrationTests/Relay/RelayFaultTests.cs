using Recut.DashScopeSimulator;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests.Relay;

/// <summary>
/// Scripted upstream faults: throttling bursts, server errors, slow and lost answers. Whatever happens, every Recut
/// task ends SUCCEEDED with exactly one upstream task — no task lost, none paid for twice.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class RelayFaultTests(RelayFixture fx) : IDisposable
{
    /// <summary>A test that fails half-way must not leave its scripted faults for the next test of the collection.</summary>
    public void Dispose() => Env.Upstream.Faults.Clear();

    private RelayEnvironment Env => fx.Env;

    public static TheoryData<string, SimOperation, int> Faults => new()
    {
        { "429 burst on create", SimOperation.Create, 0 },
        { "500s on create", SimOperation.Create, 1 },
        { "lost create answer", SimOperation.Create, 2 },
        { "create answer slower than the timeout", SimOperation.Create, 3 },
        { "429 burst on queries", SimOperation.Query, 0 },
        { "500s on queries", SimOperation.Query, 1 },
        { "slow query", SimOperation.Query, 3 },
        { "500 on getPolicy", SimOperation.GetPolicy, 1 },
        { "500 on the OSS form upload", SimOperation.Upload, 1 },
        { "lost upload answer", SimOperation.Upload, 2 },
        { "500 on the result download", SimOperation.Result, 1 },
        { "dropped result download", SimOperation.Result, 2 },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_task_survives_the_fault_with_exactly_one_upstream_task(string name, SimOperation operation, int kind)
    {
        Assert.NotEmpty(name);
        var fault = kind switch
        {
            0 => SimFault.Throttle(),
            1 => SimFault.ServerError(),
            2 => SimFault.Lost(),
            _ => SimFault.Slow(TimeSpan.FromSeconds(3)),
        };
        Env.Upstream.Faults.Enqueue(operation, fault, kind is 0 ? 4 : kind is 1 ? 2 : 1);
        using var api = Env.Api();
        var marker = Guid.NewGuid().ToString("N");
        var id = await Env.CreateAsync(api, marker);
        var final = await api.WaitDashScopeAsync(id);
        Assert.True(RelayEnvironment.Status(final) == "SUCCEEDED", $"{name}: {final}\n{Env.Recut.Log}");
        Assert.Single(Env.UpstreamTasksFor(marker));
        Assert.Equal(0, Env.Upstream.Faults.Pending(operation));
        if (operation == SimOperation.Create && kind is 2 or 3)
        {
            // The create took effect upstream although its answer never arrived: the task was found, not made again.
            var taskId = Env.UpstreamTasksFor(marker)[0].Id;
            Assert.Contains($"adopted upstream task {taskId}", Env.Recut.Log, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Many_tasks_under_mixed_faults_all_finish_once_and_queries_stay_within_the_upstream_rate()
    {
        Env.Upstream.Faults.Enqueue(SimOperation.Create, SimFault.Throttle(), 3);
        Env.Upstream.Faults.Enqueue(SimOperation.Create, SimFault.Lost());
        Env.Upstream.Faults.Enqueue(SimOperation.Create, SimFault.ServerError());
        Env.Upstream.Faults.Enqueue(SimOperation.Query, SimFault.Throttle(), 5);
        Env.Upstream.Faults.Enqueue(SimOperation.Query, SimFault.ServerError(), 3);
        using var api = Env.Api();
        var markers = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var ids = new List<string>();
        foreach (var m in markers)
        {
            ids.Add(await Env.CreateAsync(api, m, withReference: false));
        }
        foreach (var id in ids)
        {
            var final = await api.WaitDashScopeAsync(id);
            Assert.True(RelayEnvironment.Status(final) == "SUCCEEDED", final.ToString());
        }
        Assert.All(markers, m => Assert.Single(Env.UpstreamTasksFor(m)));
        Assert.InRange(Env.Upstream.MaxQueriesPerSecond(), 1, 20);
    }
}
