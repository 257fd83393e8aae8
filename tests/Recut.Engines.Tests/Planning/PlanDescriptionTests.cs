using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Media.Probing;
using Recut.Protocol.Requests;

namespace Recut.Engines.Tests.Planning;

public sealed class PlanDescriptionTests
{
    private static MediaInfo Video(int w, int h, double seconds = 5, bool audio = true, int rotation = 0) =>
        new() { FormatName = "mov,mp4", Width = w, Height = h, DurationSeconds = seconds, FrameRate = 25, HasAudio = audio, Rotation = rotation };

    [Fact]
    public void Describe_reads_as_a_plan()
    {
        var output = OutputPlanner.Decide(new EditRequest { VideoUrl = "v", Watermark = true }, Video(640, 360));
        var plan = new EditPlan([new ColourLookOp(0, 1.0), new OverlayOp(1, Anchor.TopRight, 0.18)], output);
        Assert.Equal(
            "Edit plan: (1) transfer the colour palette of reference image 1 onto every frame (YCbCr mean/std transfer, strength 100%); "
            + "(2) place reference image 2 in the top-right corner at 18% of the frame width, transparency kept; "
            + "output 1280×720 (16:9) at 30 fps, 5.00 s, source audio kept, watermark \"AI生成\" bottom-right.",
            plan.Describe());
    }

    [Theory]
    [InlineData(640, 360, 0, null, 1280, 720)]
    [InlineData(360, 640, 0, null, 720, 1280)]
    [InlineData(640, 360, 90, null, 720, 1280)] // a rotated phone clip is portrait on screen
    [InlineData(500, 500, 0, null, 960, 960)]
    [InlineData(640, 480, 0, null, 1104, 832)]
    [InlineData(640, 360, 0, "1:1", 960, 960)]
    [InlineData(640, 360, 0, "3:4", 832, 1104)]
    public void Output_size_from_ratio(int w, int h, int rotation, string? ratio, int ew, int eh)
    {
        var o = OutputPlanner.Decide(new EditRequest { VideoUrl = "v", Ratio = ratio }, Video(w, h, rotation: rotation));
        Assert.Equal((ew, eh), (o.Width, o.Height));
    }

    [Fact]
    public void Size_at_1080p()
    {
        var o = OutputPlanner.Decide(new EditRequest { VideoUrl = "v", Resolution = "1080P" }, Video(640, 360));
        Assert.Equal((1920, 1080), (o.Width, o.Height));
    }

    [Theory]
    [InlineData(0, 5.0, 5.0)]
    [InlineData(2, 5.0, 2.0)]
    [InlineData(8, 5.0, 5.0)] // never longer than the input
    public void Duration_cut(int requested, double input, double expected) =>
        Assert.Equal(expected, OutputPlanner.Decide(new EditRequest { VideoUrl = "v", Duration = requested }, Video(640, 360, input)).DurationSeconds);

    [Theory]
    [InlineData("auto", true, true)]
    [InlineData("origin", true, true)]
    [InlineData("auto", false, false)]
    [InlineData("origin", false, false)]
    public void Source_audio_is_kept_whenever_it_exists(string setting, bool hasAudio, bool kept) =>
        Assert.Equal(kept, OutputPlanner.Decide(new EditRequest { VideoUrl = "v", AudioSetting = setting }, Video(640, 360, audio: hasAudio)).KeepAudio);
}
