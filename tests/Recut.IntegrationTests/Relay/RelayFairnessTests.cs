using System.Globalization;
using System.Text.Json;
using Recut.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Recut.IntegrationTests.Relay;

/// <summary>
/// Fairness measured on a real server: one worker, tenant A floods 40 tasks, then tenant B submits one. B's task is
/// leased as soon as the worker is free (after A's task in hand), not after A's backlog. The relay engine with the
/// simulator keeps each task about a second long, so the flood is real work without minutes of ffmpeg.
/// </summary>
public sealed class RelayFairnessTests(ITestOutputHelper output)
{
    private const int Flood = 40;

    [Fact]
    public async Task A_lone_task_of_another_tenant_waits_for_one_task_not_for_the_flood()
    {
        await using var env = await RelayEnvironment.StartAsync(new Dictionary<string, string>
        {
            ["RECUT_WORKERS"] = "1",
            ["Recut__MaxPendingPerKey"] = "100",
            ["Recut__QueriesPerSecond"] = "1000", // reading the 40 tasks back is not what is measured
        });
        using var a = env.Api(Keys.A);
        using var b = env.Api(Keys.B);
        var flood = new List<string>();
        for (var i = 0; i < Flood; i++)
        {
            flood.Add(await env.CreateAsync(a, $"flood-{i}-{Guid.NewGuid():N}", withReference: false));
        }
        var lone = await env.CreateAsync(b, $"lone-{Guid.NewGuid():N}", withReference: false);

        var loneDone = await b.WaitDashScopeAsync(lone, TimeSpan.FromMinutes(5));
        Assert.Equal("SUCCEEDED", RelayEnvironment.Status(loneDone));
        var loneSubmit = Time(loneDone, "submit_time");
        var loneStart = Time(loneDone, "scheduled_time");

        // How many of A's tasks started after B submitted and before B's task started: 0 or 1 (the worker may just be
        // between two of A's tasks when B arrives). Strict oldest-first would make it every one of A's waiting tasks.
        var startedBefore = 0;
        var floodStarts = new List<DateTime>();
        foreach (var id in flood)
        {
            var (_, task) = await a.GetAsync($"api/v1/tasks/{id}");
            if (task.GetProperty("output").TryGetProperty("scheduled_time", out var s))
            {
                var start = Parse(s.GetString()!);
                floodStarts.Add(start);
                if (start > loneSubmit && start < loneStart)
                {
                    startedBefore++;
                }
            }
        }
        var aheadAtSubmit = flood.Count - floodStarts.Count(s => s <= loneSubmit);
        output.WriteLine($"B waited {(loneStart - loneSubmit).TotalSeconds:0.00} s; A tasks waiting when B submitted: {aheadAtSubmit}; "
            + $"A tasks started between B's submit and B's start: {startedBefore}; A tasks started by then: {floodStarts.Count(s => s <= loneStart)}");
        Assert.InRange(startedBefore, 0, 1);
        Assert.True(aheadAtSubmit >= 30, $"the flood had mostly run already ({aheadAtSubmit} waiting): the measurement says nothing");
    }

    private static DateTime Time(JsonElement task, string field) => Parse(task.GetProperty("output").GetProperty(field).GetString()!);

    private static DateTime Parse(string wire) =>
        DateTime.ParseExact(wire, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
