using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;

namespace Recut.Engines.Tests.Planning;

/// <summary>The reading patterns of issue 13: each one failed, or planned the wrong edit, before the token planner.</summary>
public sealed class PlannerReadingTests
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);

    private static IReadOnlyList<EditOperation> Plan(string prompt, int refs = 1) => Planner.PlanOperations(prompt, refs);

    private static GlobalLookOp Look(string prompt) => Assert.IsType<GlobalLookOp>(Assert.Single(Plan(prompt, 0)));

    private static string Refusal(string prompt, int refs = 1)
    {
        var e = Assert.Throws<ApiErrorException>(() => Planner.PlanOperations(prompt, refs));
        Assert.Equal(ErrorCodes.UnsupportedEdit, e.Error.Code);
        return e.Error.Message;
    }

    [Theory]
    [InlineData("it's way too bright", -1)]
    [InlineData("it's way too bright so darken it", -1)]
    [InlineData("the video is too dark", 1)]
    [InlineData("it came out kind of dark", 1)]
    [InlineData("overexposed", -1)]
    [InlineData("画面太暗了", 1)]
    [InlineData("我拍的这个视频有点暗", 1)]
    public void A_complaint_asks_for_its_cure(string prompt, int sign)
    {
        var op = Look(prompt);
        Assert.Equal(GlobalLook.Brightness, op.Look);
        Assert.Equal(sign, Math.Sign(op.Amount));
    }

    [Theory]
    [InlineData("the contrast is too low", GlobalLook.Contrast, 1)]
    [InlineData("对比度太高了", GlobalLook.Contrast, -1)]
    [InlineData("way too yellow", GlobalLook.Warmth, -1)]
    [InlineData("colours are too saturated", GlobalLook.Saturation, -1)]
    [InlineData("it's too blue and cold", GlobalLook.Warmth, 1)]
    public void Complaints_about_other_looks(string prompt, GlobalLook look, int sign)
    {
        var op = Look(prompt);
        Assert.Equal((look, sign), (op.Look, Math.Sign(op.Amount)));
    }

    [Fact]
    public void A_complaint_says_how_it_was_read() =>
        Assert.Contains(Planner.Preview("it's way too bright", 0).Notes, n => n.Contains("problem to fix", StringComparison.Ordinal));

    [Theory]
    [InlineData("no sepia, just flip it")]
    [InlineData("keep the colours unchanged, just mirror it")]
    [InlineData("mirror it but don't touch the colours")]
    [InlineData("不要改颜色，只要镜像")]
    [InlineData("I don't want black and white, just mirror it")]
    public void Negated_and_kept_edits_are_left_out(string prompt) => Assert.IsType<MirrorOp>(Assert.Single(Plan(prompt, 0)));

    [Theory]
    [InlineData("背景虚化，人物不要动")]
    [InlineData("blur the background but leave the person alone")]
    [InlineData("不要黑白，背景虚化")]
    public void A_constraint_on_the_person_is_not_an_edit(string prompt) => Assert.IsType<BackgroundBlurOp>(Assert.Single(Plan(prompt, 0)));

    [Theory]
    [InlineData("make it black and white but keep the colours")]
    [InlineData("keep the person as is and change her outfit to the one in the image")]
    [InlineData("不要动视频")]
    [InlineData("don't make it black and white")]
    public void A_contradiction_or_nothing_left_is_refused(string prompt) => Refusal(prompt);

    [Theory]
    [InlineData("饱和度低一点")]
    [InlineData("画面柔和一些")]
    public void He_inside_a_word_is_not_and(string prompt) => Assert.Single(Plan(prompt, 0));

    [Fact]
    public void He_in_a_comparison_is_not_and() =>
        Assert.Equal(new ColourLookOp(0, ColourLookOp.DefaultStrength), Assert.Single(Plan("色调和参考图一样")));

    [Fact]
    public void He_between_dimensions_shares_the_direction()
    {
        var ops = Plan("饱和度和对比度都调低一点", 0);
        Assert.Equal(2, ops.Count);
        Assert.All(ops, o => Assert.True(Assert.IsType<GlobalLookOp>(o).Amount < 0));
    }

    [Theory]
    [InlineData("把标志放到bottom left", Anchor.BottomLeft)]
    [InlineData("logo放在top right", Anchor.TopRight)]
    [InlineData("stamp the logo in the corner", Anchor.TopRight)]
    [InlineData("add the logo. bottom right", Anchor.BottomRight)]
    [InlineData("加上logo，放在左下角", Anchor.BottomLeft)]
    public void Mixed_scripts_and_follow_on_anchors(string prompt, Anchor anchor) =>
        Assert.Equal(anchor, Assert.IsType<OverlayOp>(Assert.Single(Plan(prompt))).Anchor);

    [Theory]
    [InlineData("背景要blur掉")]
    [InlineData("make everything behind me blurry")]
    [InlineData("blur the bakground")]
    [InlineData("背景模湖一点")]
    public void Background_blur_in_other_words(string prompt) => Assert.IsType<BackgroundBlurOp>(Assert.Single(Plan(prompt, 0)));

    [Theory]
    [InlineData("cut out the background, then make it pure white", 255, 255, 255)]
    [InlineData("去掉背景，换成纯白色", 255, 255, 255)]
    [InlineData("remove the background and make it black", 0, 0, 0)]
    [InlineData("remove the background", 0, 177, 64)]
    public void A_follow_on_clause_names_the_background_colour(string prompt, int r, int g, int b)
    {
        var op = Assert.IsType<BackgroundSolidOp>(Assert.Single(Plan(prompt, 0)));
        Assert.Equal((r, g, b), (op.R, op.G, op.B));
    }

    [Fact]
    public void It_after_a_removed_background_is_not_guessed() =>
        Assert.Contains("removed background", Refusal("remove the background, then blur it", 0), StringComparison.Ordinal);

    [Theory]
    [InlineData("the same vibe as this photo")]
    [InlineData("make my clip match the colors of this photo")]
    [InlineData("用这个图的color")]
    public void Colour_look_paraphrases(string prompt) => Assert.IsType<ColourLookOp>(Assert.Single(Plan(prompt)));

    [Theory]
    [InlineData("make it pop", GlobalLook.Saturation, 1)]
    [InlineData("a faded, low-saturation look", GlobalLook.Saturation, -1)]
    [InlineData("麻烦帮我把视频调亮一点，谢谢", GlobalLook.Brightness, 1)]
    [InlineData("氛围暖一点", GlobalLook.Warmth, 1)]
    public void Vocabulary_and_polite_wrappers(string prompt, GlobalLook look, int sign)
    {
        var ops = Plan(prompt, 0);
        Assert.All(ops, o => Assert.Equal((look, sign), (Assert.IsType<GlobalLookOp>(o).Look, Math.Sign(((GlobalLookOp)o).Amount))));
    }

    [Fact]
    public void A_typo_is_read_and_the_plan_says_so()
    {
        var preview = Planner.Preview("make it blak and white", 0);
        Assert.Equal(GlobalLook.Grayscale, Assert.IsType<GlobalLookOp>(Assert.Single(preview.Operations)).Look);
        Assert.Contains("read \"blak\" as \"black\"", preview.Notes);
    }

    [Theory]
    [InlineData("make it older")] // one letter from "colder", but a different first letter: never read as it
    [InlineData("make the lamp brighter")]
    [InlineData("make it brighter and sparkly")]
    [InlineData("remove the people in the background")]
    [InlineData("make the background darker")]
    [InlineData("make her brighter")]
    public void Unsure_means_refused(string prompt) => Refusal(prompt, 0);

    [Fact]
    public void A_refusal_names_the_words_it_did_not_understand() =>
        Assert.Contains("Words not understood: \"zorbify\"", Refusal("zorbify the video", 0), StringComparison.Ordinal);

    [Fact]
    public void Context_without_a_demand_is_set_aside()
    {
        var preview = Planner.Preview("this is for my sister's wedding, can you give it a warm vintage feel", 0);
        Assert.Equal(2, preview.Operations.Count);
        Assert.Contains(preview.Notes, n => n.StartsWith("set aside as context", StringComparison.Ordinal));
    }
}
