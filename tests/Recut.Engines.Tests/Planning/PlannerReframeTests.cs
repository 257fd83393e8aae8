using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Planning.Corpus;
using Recut.Engines.Tests.Support;
using Recut.Media.Probing;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;

namespace Recut.Engines.Tests.Planning;

/// <summary>Reframe read from English and Chinese, how it meets the ratio parameter and the source, and its near misses.</summary>
public sealed class PlannerReframeTests
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);

    private static string Plan(string prompt) => PlannerCorpus.Describe(Planner.PlanOperations(prompt, 0));

    private static EditPlan PlanFor(string prompt, string? ratio, int width = 1280, int height = 720) => Planner.Plan(new EditJob
    {
        TaskId = Guid.NewGuid(),
        Request = new EditRequest { VideoUrl = "in.mp4", ReferenceImageUrls = [], Prompt = prompt, Resolution = "720P", Ratio = ratio },
        Video = new LocalMedia("in.mp4", new MediaInfo { FormatName = "mov,mp4,m4a,3gp,3g2,mj2", Width = width, Height = height, DurationSeconds = 5, HasAudio = true }),
        ReferenceImages = [],
        WorkDirectory = "work",
        OutputPath = "out.mp4",
    });

    [Theory]
    [InlineData("make it vertical for TikTok", "reframe(9x16)")]
    [InlineData("reframe to 9:16 following the person", "reframe(9x16)")]
    [InlineData("make it square", "reframe(1x1)")]
    [InlineData("turn it into a vertical video for reels", "reframe(9x16)")]
    [InlineData("crop to 3:4 and keep the person in the centre", "refuse")]
    [InlineData("follow the person", "reframe(ratio)")]
    [InlineData("keep the person centred", "reframe(ratio)")]
    [InlineData("make it 4:3 and follow her", "reframe(4x3)")]
    [InlineData("竖屏，人物居中", "reframe(9x16)")]
    [InlineData("改成竖屏", "reframe(9x16)")]
    [InlineData("裁成方形", "reframe(1x1)")]
    [InlineData("做成竖版视频，跟随人物", "reframe(9x16)")]
    [InlineData("make it vertical and black and white", "bw + reframe(9x16)")]
    [InlineData("make it vertical and turn the background black and white", "bggrey + reframe(9x16)")]
    public void Reads_a_reframe(string prompt, string expected)
    {
        if (expected == "refuse")
        {
            Assert.Throws<ApiErrorException>(() => Planner.PlanOperations(prompt, 0));
            return;
        }
        Assert.Equal(expected, Plan(prompt));
    }

    [Theory]
    [InlineData("flip it vertically")]
    [InlineData("flip the video upside down")]
    [InlineData("上下翻转")]
    [InlineData("make it 4:5 for instagram")]
    [InlineData("make it vertical and square")]
    public void Near_misses_are_not_a_reframe(string prompt)
    {
        var e = Assert.Throws<ApiErrorException>(() => Planner.PlanOperations(prompt, 0));
        Assert.StartsWith(ErrorCodes.UnsupportedEdit, e.Error.Code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("put the logo in the centre", "overlay(1,C)")]
    [InlineData("mirror it horizontally", "mirror")]
    [InlineData("keep the person unchanged and make the background black and white", "bggrey")]
    public void Neighbouring_edits_are_unchanged(string prompt, string expected) =>
        Assert.Equal(expected, PlannerCorpus.Describe(Planner.PlanOperations(prompt, prompt.Contains("logo", StringComparison.Ordinal) ? 1 : 0)));

    [Fact]
    public void Four_by_five_is_refused_with_the_shapes_there_are()
    {
        var e = Assert.Throws<ApiErrorException>(() => Planner.PlanOperations("make it 4:5", 0));
        Assert.Contains("9:16, 1:1, 3:4, 4:3", e.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_instruction_sets_the_output_size_and_the_plan_says_so()
    {
        var plan = PlanFor("make it vertical for TikTok", ratio: null);
        Assert.Equal((720, 1280, "9:16"), (plan.Output.Width, plan.Output.Height, plan.Output.Ratio));
        var op = Assert.Single(plan.Operations.OfType<ReframeOp>());
        Assert.Equal(ReframeAxis.Horizontal, op.Axis);
        Assert.Contains("reframe to 9:16 following the person", plan.Describe(), StringComparison.Ordinal);
        Assert.Contains("pans left and right", plan.Describe(), StringComparison.Ordinal);
        var step = Assert.Single(TaskPlanView.Of(plan).Steps);
        Assert.Equal(("reframe", "9:16", "horizontal"), (step.Op, step.Ratio, step.Axis));
    }

    [Fact]
    public void Following_takes_its_shape_from_the_ratio_parameter()
    {
        var plan = PlanFor("follow the person", ratio: "1:1");
        Assert.Equal((960, 960), (plan.Output.Width, plan.Output.Height));
        Assert.Equal("1:1", plan.Operations.OfType<ReframeOp>().Single().Ratio);
    }

    [Fact]
    public void A_ratio_parameter_that_agrees_is_fine_and_one_that_differs_is_refused_naming_both()
    {
        Assert.Equal("9:16", PlanFor("make it vertical", ratio: "9:16").Output.Ratio);
        var e = Assert.Throws<ApiErrorException>(() => PlanFor("make it vertical", ratio: "16:9"));
        Assert.Equal(ErrorCodes.InvalidParameter, e.Error.Code);
        Assert.Contains("16:9", e.Error.Message, StringComparison.Ordinal);
        Assert.Contains("9:16", e.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Following_without_a_new_shape_is_refused()
    {
        var none = Assert.Throws<ApiErrorException>(() => PlanFor("follow the person", ratio: null));
        Assert.Contains("names no new shape", none.Error.Message, StringComparison.Ordinal);
        var same = Assert.Throws<ApiErrorException>(() => PlanFor("follow the person", ratio: "16:9"));
        Assert.Contains("already 16:9", same.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tall_source_moves_the_window_up_and_down()
    {
        var plan = PlanFor("make it square", ratio: null, width: 720, height: 1280);
        Assert.Equal(ReframeAxis.Vertical, plan.Operations.OfType<ReframeOp>().Single().Axis);
        Assert.Contains("pans up and down", plan.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_ratio_change_stays_the_centre_crop()
    {
        var plan = PlanFor("make it black and white", ratio: "9:16");
        Assert.Equal((720, 1280), (plan.Output.Width, plan.Output.Height));
        Assert.Empty(plan.Operations.OfType<ReframeOp>());
    }

    [Fact]
    public void Stabilising_and_reframing_together_is_refused()
    {
        var e = Assert.Throws<ApiErrorException>(() => PlanFor("stabilise it and make it vertical", ratio: null));
        Assert.Contains("Stabilising and reframing", e.Error.Message, StringComparison.Ordinal);
    }
}
