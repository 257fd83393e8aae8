using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Support;

namespace Recut.Engines.Tests.Planning;

/// <summary>The structured plan `recut plan --json` and POST /api/v1/plans answer.</summary>
public sealed class PlanViewTests
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);

    [Fact]
    public void Steps_carry_their_kind_and_parameters_in_run_order()
    {
        var view = PlanView.Of(Planner, "put image 2 bottom left, use the colours of image 1 and make it a bit warmer", 2);
        Assert.True(view.Supported);
        Assert.Equal(["colour_look", "global_look", "overlay"], view.Steps.Select(s => s.Op));
        Assert.Equal(1, view.Steps[0].ReferenceImage);
        Assert.Equal("warmth", view.Steps[1].Look);
        Assert.True(view.Steps[1].Amount > 0);
        Assert.Equal(("bottom_left", 2), (view.Steps[2].Anchor, view.Steps[2].ReferenceImage));
        Assert.StartsWith("(1) transfer the colour palette", view.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_background_colour_is_given_as_hex()
    {
        var step = Assert.Single(PlanView.Of(Planner, "cut out the background, then make it pure white", 0).Steps);
        Assert.Equal(("background_solid", "#FFFFFF"), (step.Op, step.Colour));
    }

    [Fact]
    public void A_refusal_is_a_view_with_the_code_and_message()
    {
        var view = PlanView.Of(Planner, "add fireworks", 0);
        Assert.False(view.Supported);
        Assert.Empty(view.Steps);
        Assert.Equal("UnsupportedEdit", view.Code);
        Assert.Contains("\"add fireworks\"", view.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_plan_serialises_as_output_plan_with_notes_and_output()
    {
        var video = new Recut.Media.Probing.MediaInfo { FormatName = "mov,mp4", Width = 640, Height = 360, DurationSeconds = 5, FrameRate = 25, HasAudio = false };
        var preview = Planner.Preview("mirror it and make it blak and white", 0);
        var plan = new Recut.Engines.Local.Plan.EditPlan(preview.Operations,
            OutputPlanner.Decide(new Recut.Protocol.Requests.EditRequest { VideoUrl = "v", Watermark = true }, video))
        { Notes = preview.Notes };

        using var json = System.Text.Json.JsonDocument.Parse(Recut.Protocol.Json.ProtocolJson.Serialize(TaskPlanView.Of(plan)));
        var root = json.RootElement;
        Assert.Equal(["global_look", "mirror"], root.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("op").GetString()));
        Assert.Equal("grayscale", root.GetProperty("steps")[0].GetProperty("look").GetString());
        Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("blak", StringComparison.Ordinal));
        var output = root.GetProperty("output");
        Assert.Equal((1280, 720, "16:9"), (output.GetProperty("width").GetInt32(), output.GetProperty("height").GetInt32(), output.GetProperty("ratio").GetString()));
        Assert.Equal(5.0, output.GetProperty("duration_seconds").GetDouble());
        Assert.False(output.GetProperty("audio").GetBoolean());
        Assert.True(output.GetProperty("watermark").GetBoolean());
        Assert.False(root.TryGetProperty("supported", out _)); // a task's plan ran; only previews say whether one can
    }
}
