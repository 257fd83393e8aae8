using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Support;

namespace Recut.Engines.Tests.Planning;

public sealed class PlannerEnglishTests
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);

    private static IReadOnlyList<EditOperation> Plan(string prompt, int refs = 2) => Planner.PlanOperations(prompt, refs);

    [Theory]
    [InlineData("Give the video the colours of the reference image")]
    [InlineData("give the video the look of the reference image")]
    [InlineData("Apply the tone of the reference picture to the clip")]
    [InlineData("use the palette from the reference image")]
    [InlineData("Match the colour of the image")]
    [InlineData("colour-grade it like the reference photo")]
    [InlineData("I want the reference image's colors on my video")]
    [InlineData("give it the colour grade of the reference")]
    public void Colour_look_phrasings(string prompt)
    {
        var op = Assert.Single(Plan(prompt, 1));
        Assert.Equal(new ColourLookOp(0, ColourLookOp.DefaultStrength), op);
    }

    [Theory]
    [InlineData("give the video the colours of image 2", 1)]
    [InlineData("use the second image's palette", 1)]
    [InlineData("match the look of the 2nd picture", 1)]
    [InlineData("give the video the colours of the first image", 0)]
    [InlineData("give the video the colours of the last image", 2)]
    public void Colour_look_picks_the_named_image(string prompt, int index)
    {
        var op = Assert.IsType<ColourLookOp>(Assert.Single(Plan(prompt, 3)));
        Assert.Equal(index, op.ReferenceIndex);
    }

    [Theory]
    [InlineData("put the logo in the top-right corner", Anchor.TopRight)]
    [InlineData("Place the logo at the bottom left", Anchor.BottomLeft)]
    [InlineData("add my logo in the upper left corner", Anchor.TopLeft)]
    [InlineData("add the watermark image in the lower-right corner", Anchor.BottomRight)]
    [InlineData("put the logo in the centre", Anchor.Center)]
    [InlineData("put the logo in the middle of the frame", Anchor.Center)]
    [InlineData("place the picture at the top", Anchor.TopCenter)]
    [InlineData("add the logo at the bottom", Anchor.BottomCenter)]
    [InlineData("put the logo on the left", Anchor.MiddleLeft)]
    [InlineData("add a logo", Anchor.TopRight)]
    [InlineData("In the bottom-left corner, put the logo", Anchor.BottomLeft)]
    [InlineData("logo top right please", Anchor.TopRight)]
    public void Overlay_anchors(string prompt, Anchor anchor)
    {
        var op = Assert.IsType<OverlayOp>(Assert.Single(Plan(prompt, 1)));
        Assert.Equal(anchor, op.Anchor);
        Assert.Equal(0, op.ReferenceIndex);
    }

    [Theory]
    [InlineData("put a small logo in the top-right corner", OverlayOp.SmallScale)]
    [InlineData("put a big logo in the top-right corner", OverlayOp.LargeScale)]
    [InlineData("put the logo in the top-right corner at 25% size", 0.25)]
    [InlineData("put the logo in the top-right corner", OverlayOp.DefaultScale)]
    public void Overlay_sizes(string prompt, double scale) =>
        Assert.Equal(scale, Assert.IsType<OverlayOp>(Assert.Single(Plan(prompt, 1))).Scale, 3);

    [Theory]
    [InlineData("make it black and white", GlobalLook.Grayscale, 1)]
    [InlineData("Black & White please", GlobalLook.Grayscale, 1)]
    [InlineData("convert to grayscale", GlobalLook.Grayscale, 1)]
    [InlineData("monochrome", GlobalLook.Grayscale, 1)]
    [InlineData("give it a sepia tone", GlobalLook.Sepia, 1)]
    [InlineData("make it look vintage", GlobalLook.Sepia, 1)]
    [InlineData("a retro old film look", GlobalLook.Sepia, 1)]
    [InlineData("make the video brighter", GlobalLook.Brightness, 1)]
    [InlineData("increase the brightness", GlobalLook.Brightness, 1)]
    [InlineData("make it darker", GlobalLook.Brightness, -1)]
    [InlineData("less bright", GlobalLook.Brightness, -1)]
    [InlineData("make it warmer", GlobalLook.Warmth, 1)]
    [InlineData("warm tones", GlobalLook.Warmth, 1)]
    [InlineData("make it cooler", GlobalLook.Warmth, -1)]
    [InlineData("a cold look", GlobalLook.Warmth, -1)]
    [InlineData("more contrast", GlobalLook.Contrast, 1)]
    [InlineData("increase the contrast", GlobalLook.Contrast, 1)]
    [InlineData("reduce the contrast", GlobalLook.Contrast, -1)]
    [InlineData("make the colours more vivid", GlobalLook.Saturation, 1)]
    [InlineData("more saturation", GlobalLook.Saturation, 1)]
    [InlineData("make it more colorful", GlobalLook.Saturation, 1)]
    [InlineData("less saturated", GlobalLook.Saturation, -1)]
    [InlineData("muted colours", GlobalLook.Saturation, -1)]
    public void Global_looks(string prompt, GlobalLook look, int sign)
    {
        var op = Assert.IsType<GlobalLookOp>(Assert.Single(Plan(prompt)));
        Assert.Equal(look, op.Look);
        Assert.Equal(sign, Math.Sign(op.Amount));
    }

    [Fact]
    public void Modifiers_scale_the_amount()
    {
        var normal = Assert.IsType<GlobalLookOp>(Assert.Single(Plan("make it brighter")));
        var bit = Assert.IsType<GlobalLookOp>(Assert.Single(Plan("make it a bit brighter")));
        var much = Assert.IsType<GlobalLookOp>(Assert.Single(Plan("make it much brighter")));
        Assert.True(bit.Amount < normal.Amount && normal.Amount < much.Amount);
        // "it a" once swallowed the "a" of "a little", leaving "little" to read as a size: the demo's own prompt.
        var little = Assert.IsType<GlobalLookOp>(Assert.Single(Plan("make it a little brighter")));
        Assert.Equal(bit.Amount, little.Amount);
        Assert.Equal(2, Plan("Give the video the colour look of the reference image, and make it a little brighter", 1).Count);
    }

    [Theory]
    [InlineData("blur the video")]
    [InlineData("make it blurry")]
    [InlineData("put the whole thing out of focus")]
    public void Whole_frame_blur(string prompt) => Assert.IsType<BlurOp>(Assert.Single(Plan(prompt)));

    [Theory]
    [InlineData("mirror the video")]
    [InlineData("flip it horizontally")]
    [InlineData("horizontal flip")]
    public void Mirror(string prompt) => Assert.IsType<MirrorOp>(Assert.Single(Plan(prompt)));

    [Theory]
    [InlineData("replace the background with the image", typeof(BackgroundReplaceOp))]
    [InlineData("Change the background to the scene in the reference image", typeof(BackgroundReplaceOp))]
    [InlineData("use the reference image as the new background", typeof(BackgroundReplaceOp))]
    [InlineData("put the person into the scene of the reference photo", typeof(BackgroundReplaceOp))]
    [InlineData("blur the background", typeof(BackgroundBlurOp))]
    [InlineData("Keep the girl sharp and blur the background behind her", typeof(BackgroundBlurOp))]
    [InlineData("bokeh background", typeof(BackgroundBlurOp))]
    [InlineData("remove the background", typeof(BackgroundSolidOp))]
    [InlineData("green screen", typeof(BackgroundSolidOp))]
    [InlineData("make the background white", typeof(BackgroundSolidOp))]
    [InlineData("keep the person in colour, background black and white", typeof(BackgroundGrayscaleOp))]
    [InlineData("make the background black and white but keep the person in color", typeof(BackgroundGrayscaleOp))]
    [InlineData("replace the girl's outfit with the outfit in the image", typeof(OutfitRecolourOp))]
    [InlineData("change her clothes to the dress from the reference image", typeof(OutfitRecolourOp))]
    public void Person_intents(string prompt, Type expected) =>
        Assert.IsType(expected, Assert.Single(Plan(prompt, 1)));

    [Theory]
    [InlineData("remove the background", 0, 177, 64)]
    [InlineData("replace the background with white", 255, 255, 255)]
    [InlineData("remove the background and replace it with a solid blue", 0, 71, 187)]
    [InlineData("put her on a black background", 0, 0, 0)]
    public void Solid_background_colours(string prompt, int r, int g, int b)
    {
        var op = Assert.IsType<BackgroundSolidOp>(Assert.Single(Plan(prompt, 0)));
        Assert.Equal((r, g, b), (op.R, op.G, op.B));
    }

    [Fact]
    public void Blur_the_background_is_a_person_edit_not_a_whole_frame_blur() =>
        Assert.DoesNotContain(Plan("blur the background"), o => o is BlurOp);

    [Fact]
    public void Combination_in_one_prompt_runs_in_renderer_order()
    {
        var ops = Plan("Put image 2 in the top-right corner, make it warmer and give the video the colours of image 1", 2);
        Assert.Collection(ops,
            o => Assert.Equal(new ColourLookOp(0, ColourLookOp.DefaultStrength), o),
            o => Assert.Equal(GlobalLook.Warmth, Assert.IsType<GlobalLookOp>(o).Look),
            o => Assert.Equal(new OverlayOp(1, Anchor.TopRight, OverlayOp.DefaultScale), o));
    }

    [Fact]
    public void Unnamed_images_are_shared_out_in_order()
    {
        var ops = Plan("give the video the colours of the reference image and put the logo in the bottom-left corner", 2);
        Assert.Equal(0, Assert.Single(ops.OfType<ColourLookOp>()).ReferenceIndex);
        Assert.Equal(1, Assert.Single(ops.OfType<OverlayOp>()).ReferenceIndex);
    }

    [Fact]
    public void Person_edit_with_global_look()
    {
        var ops = Plan("replace the background with image 2 and make it a bit brighter", 2);
        Assert.Equal(new BackgroundReplaceOp(1), ops[0]);
        Assert.IsType<GlobalLookOp>(ops[1]);
    }

    [Fact]
    public void Negated_request_is_dropped()
    {
        var op = Assert.Single(Plan("make it brighter but don't blur it"));
        Assert.Equal(GlobalLook.Brightness, Assert.IsType<GlobalLookOp>(op).Look);
    }

    [Fact]
    public void A_phrase_does_not_reach_across_and()
    {
        var ops = Plan("blur the background and make it black and white", 0);
        Assert.Collection(ops,
            o => Assert.IsType<BackgroundBlurOp>(o),
            o => Assert.Equal(GlobalLook.Grayscale, Assert.IsType<GlobalLookOp>(o).Look));
    }

    [Fact]
    public void A_bare_dimension_continues_the_previous_adjustment()
    {
        var ops = Plan("Increase saturation and contrast", 0);
        Assert.Contains(ops, o => o is GlobalLookOp { Look: GlobalLook.Saturation, Amount: > 0 });
        Assert.Contains(ops, o => o is GlobalLookOp { Look: GlobalLook.Contrast, Amount: > 0 });
    }

    [Fact]
    public void One_overlay_phrase_with_two_nouns_is_one_overlay()
    {
        var op = Assert.Single(Plan("Add the logo as a small watermark in the bottom-left", 2));
        Assert.Equal(new OverlayOp(0, Anchor.BottomLeft, OverlayOp.SmallScale), op);
    }

    [Fact]
    public void Two_images_in_two_corners()
    {
        var ops = Plan("put image 1 in the top left and image 2 in the top right", 2);
        Assert.Equal([new OverlayOp(0, Anchor.TopLeft, OverlayOp.DefaultScale), new OverlayOp(1, Anchor.TopRight, OverlayOp.DefaultScale)], ops);
    }

    [Fact]
    public void Person_in_front_of_a_scene_is_a_background_replacement() =>
        Assert.Equal(new BackgroundReplaceOp(1), Assert.Single(Plan("Put her in front of the city skyline from the second image", 2)));
}
