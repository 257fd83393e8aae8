using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Rendering;
using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Effects;

/// <summary>Titles on a flat grey clip: white pixels only in the named band, and hostile text drawn as text.</summary>
public sealed class TitleRenderTests
{
    [Theory]
    [InlineData("add the title 'Summer 2026' at the top", true)]
    [InlineData("在底部加上字幕：欢迎光临", false)]
    public async Task Text_appears_only_in_the_named_band(string prompt, bool top)
    {
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.GreyAsync(), [], prompt);
        var f = await run.FrameAsync(1.0);
        var upper = EffectClips.WhitePixels(f, 0, 240);
        var lower = EffectClips.WhitePixels(f, 480, 720);
        var middle = EffectClips.WhitePixels(f, 240, 480);
        Assert.True((top ? upper : lower) > 400, $"upper {upper}, lower {lower}");
        Assert.Equal(0, top ? lower : upper);
        Assert.Equal(0, middle);
        // Fading in: the very first frame shows no text yet.
        Assert.Equal(0, EffectClips.WhitePixels(await run.FrameAsync(0), 0, 720));
    }

    [Theory]
    [InlineData("a:b\\c'd \\\"q\\\" [x],;= %{pts} %{localtime} $(id)")]
    [InlineData("'); drawtext=text=pwned:x=0:y=0 #")]
    [InlineData("ends with a backslash \\")]
    public async Task Hostile_text_is_drawn_verbatim_never_expanded(string hostile)
    {
        var prompt = $"add the caption 「{hostile}」";
        var title = Assert.Single(new Recut.Engines.Local.Planning.InstructionPlanner([]).PlanOperations(prompt, 0).OfType<TitleOp>());
        Assert.Equal(hostile, title.Text);
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.GreyAsync(), [], prompt);
        var a = await run.FrameAsync(0.8);
        var b = await run.FrameAsync(1.2);
        Assert.True(EffectClips.WhitePixels(a, 480, 720) > 200, "the caption is drawn");
        // %{pts} expanded would change between the two frames; drawn verbatim, the band is the same picture.
        Assert.True(Pixels.RegionDiff(a, b, 0, 480, 1280, 240) < 1.0, "the text changed between frames: it was expanded");
        Assert.Equal(0, EffectClips.WhitePixels(a, 0, 400)); // no second drawtext injected at the top
    }

    [Fact]
    public async Task The_words_reach_ffmpeg_only_through_a_file()
    {
        var plan = new EditPlanBuilderProbe("x'y:%{pts}");
        var layer = await TitleFilters.PrepareAsync(plan.Title, 0, 1280, 720, plan.Dir.Path, "/fonts/f.ttc", CancellationToken.None);
        var filter = TitleFilters.Filter(layer, new RenderSpec { Width = 1280, Height = 720, DurationSeconds = 2 });
        Assert.DoesNotContain("pts", filter, StringComparison.Ordinal);
        Assert.Contains("expansion=none", filter, StringComparison.Ordinal);
        Assert.Equal("x'y:%{pts}", await File.ReadAllTextAsync(layer.TextFile));
        plan.Dir.Dispose();
    }

    [Fact]
    public async Task Text_too_long_for_the_frame_is_refused_before_rendering()
    {
        var probe = new EditPlanBuilderProbe(new string('字', 58));
        var e = await Assert.ThrowsAsync<ApiErrorException>(() =>
            TitleFilters.PrepareAsync(probe.Title, 0, 720, 1280, probe.Dir.Path, "/fonts/f.ttc", CancellationToken.None));
        Assert.Equal(ErrorCodes.UnsupportedEdit, e.Error.Code);
        probe.Dir.Dispose();
    }

    private sealed class EditPlanBuilderProbe(string text)
    {
        public TitleOp Title { get; } = new(text, Anchor.BottomCenter);
        public TempDir Dir { get; } = new("recut-title");
    }
}
