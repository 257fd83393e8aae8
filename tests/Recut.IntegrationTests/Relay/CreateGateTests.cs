using Recut.DashScopeSimulator;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests.Relay;

/// <summary>
/// The create gate is per upstream key: while one key's create waits for a slow answer, a create with another key goes
/// through at once, and a second create with the same key waits (the lost-create look-up relies on that).
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class CreateGateTests
{
    private const string SecondKey = "sk-relay-upstream-2";
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(4);

    /// <summary>The answers are slow, not lost: the request timeout is well above the delay.</summary>
    private static Dictionary<string, string> Patient => new() { ["Recut__DashScope__RequestTimeoutSeconds"] = "20" };

    [Fact]
    public async Task A_slow_create_with_one_key_holds_up_no_create_with_another_key()
    {
        await using var env = await RelayEnvironment.StartAsync(Patient, keys: $"{RelayEnvironment.UpstreamKey},{SecondKey}",
            configure: sim => sim.AddKey(SecondKey, "account-2"));
        var (first, second) = await TwoCreatesAsync(env);

        Assert.NotEqual(first.KeyUsed, second.KeyUsed);
        Assert.True(second.Created - first.Created < SlowAnswer - TimeSpan.FromSeconds(1),
            $"the second key's create waited for the first key's answer ({(second.Created - first.Created).TotalSeconds:0.0} s)");
    }

    [Fact]
    public async Task A_second_create_with_the_same_key_waits_for_the_first_answer()
    {
        await using var env = await RelayEnvironment.StartAsync(Patient);
        var (first, second) = await TwoCreatesAsync(env);

        Assert.Equal(first.KeyUsed, second.KeyUsed);
        Assert.True(second.Created - first.Created >= SlowAnswer - TimeSpan.FromMilliseconds(300),
            $"two creates with one key overlapped ({(second.Created - first.Created).TotalSeconds:0.0} s apart)");
    }

    /// <summary>Two tasks run by the server's two workers; the first create upstream sees answers after <see cref="SlowAnswer"/>.</summary>
    private static async Task<(SimTask First, SimTask Second)> TwoCreatesAsync(RelayEnvironment env)
    {
        env.Upstream.Faults.Enqueue(SimOperation.Create, SimFault.Slow(SlowAnswer));
        using var api = env.Api();
        var markers = new[] { Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N") };
        var ids = new List<string>();
        foreach (var m in markers)
        {
            ids.Add(await env.CreateAsync(api, m, withReference: false));
        }
        foreach (var id in ids)
        {
            Assert.Equal("SUCCEEDED", RelayEnvironment.Status(await api.WaitDashScopeAsync(id)));
        }
        var tasks = markers.Select(m => Assert.Single(env.UpstreamTasksFor(m))).OrderBy(t => t.Created).ToList();
        Assert.Equal(0, env.Upstream.Faults.Pending(SimOperation.Create));
        return (tasks[0], tasks[1]);
    }
}
