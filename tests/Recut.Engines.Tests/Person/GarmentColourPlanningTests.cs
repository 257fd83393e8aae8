using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Support;

namespace Recut.Engines.Tests.Person;

/// <summary>Outfit colours named in words or hex codes plan an outfit edit with no reference image.</summary>
public sealed class GarmentColourPlanningTests
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);

    [Theory]
    [InlineData("make her jacket red", "red", 200, 30, 30)]
    [InlineData("Change his shirt to navy blue", "navy", 31, 42, 86)]
    [InlineData("turn the suit light grey", "light grey", 224, 224, 224)]
    [InlineData("she should wear a black dress", "black", 32, 32, 32)]
    [InlineData("recolor the uniform to #1060d0", "#1060d0", 0x10, 0x60, 0xd0)]
    [InlineData("make the jacket #fff", "#fff", 255, 255, 255)]
    [InlineData("royal blue jacket", "royal blue", 65, 105, 225)]
    [InlineData("把衣服换成黑色", "black", 32, 32, 32)]
    [InlineData("黑色的衣服", "black", 32, 32, 32)]
    [InlineData("把她的外套改成藏青色", "navy", 31, 42, 86)]
    [InlineData("穿上白色的衬衫", "white", 245, 245, 245)]
    public void Named_colours_plan_an_outfit_colour_edit(string prompt, string name, int r, int g, int b)
    {
        var op = Assert.IsType<OutfitColourOp>(Assert.Single(Planner.PlanOperations(prompt, 0)));
        Assert.Equal((name, r, g, b), (op.ColourName, (int)op.R, (int)op.G, (int)op.B));
    }

    [Fact]
    public void A_named_colour_with_a_background_edit_plans_both()
    {
        var ops = Planner.PlanOperations("make the background white and her jacket red", 0);
        Assert.Contains(ops, o => o is BackgroundSolidOp { R: 255, G: 255, B: 255 });
        Assert.Contains(ops, o => o is OutfitColourOp { ColourName: "red" });
    }

    [Fact]
    public void A_reference_garment_still_plans_from_the_image() =>
        Assert.IsType<OutfitRecolourOp>(Assert.Single(Planner.PlanOperations("change her clothes to the dress from the reference image", 1)));

    [Fact]
    public void The_plan_says_which_colour() =>
        Assert.Contains("navy (#1f2a56)", new OutfitColourOp(31, 42, 86, "navy").Describe(), StringComparison.Ordinal);
}
