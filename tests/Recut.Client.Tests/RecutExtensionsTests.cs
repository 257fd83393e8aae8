using System.Text.Json;
using Recut.Client.Tests.Support;

namespace Recut.Client.Tests;

/// <summary>
/// What a Recut server adds to the DashScope query shape (output.progress while the task waits or runs, output.plan
/// once planned) and that the SDK reads it, so a DashScope-dialect client shows a true bar and the plan as data —
/// whether it follows the task's event stream or polls.
/// </summary>
public sealed class RecutExtensionsTests(RecutServerFixture fx) : IClassFixture<RecutServerFixture>
{
    [Theory]
    [InlineData(true)]  // the event stream (Server-Sent Events): every change as it happens
    [InlineData(false)] // polling the DashScope query shape
    public async Task A_dashscope_dialect_wait_sees_progress_while_running_and_the_plan_at_the_end(bool eventStream)
    {
        var client = new RecutClient(new HttpClient { Timeout = TimeSpan.FromSeconds(60) }, fx.Client().Options with { UseEventStream = eventStream });
        var id = await client.CreateEditTaskAsync(new EditTaskSpec
        {
            VideoUrl = fx.Files.Url("clip.mp4").ToString(),
            Prompt = "make it sepia and mirror it",
            IdempotencyKey = Guid.NewGuid().ToString(),
        });
        var reports = new List<TaskInfo>();
        var final = await client.WaitAsync(id, new CollectingProgress(reports.Add));

        Assert.Equal("SUCCEEDED", final.Status);
        var waiting = reports.Where(t => !t.IsFinal).ToList();
        Assert.NotEmpty(waiting); // the first poll comes straight after the create, long before a render can end
        Assert.All(waiting, t => Assert.InRange(t.Progress ?? -1, 0, 99));
        Assert.Equal(waiting.Select(t => t.Progress), waiting.Select(t => t.Progress).Order()); // never backwards
        Assert.Equal(100, final.Progress);

        var plan = Assert.IsType<JsonElement>(final.Plan);
        Assert.Equal(["global_look", "mirror"], plan.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("op").GetString()));
        Assert.Equal("sepia", plan.GetProperty("steps")[0].GetProperty("look").GetString());
        Assert.True(plan.GetProperty("output").GetProperty("width").GetInt32() > 0);
    }
}
