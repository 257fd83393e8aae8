using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Support;

namespace Recut.Engines.Tests.Planning;

public sealed class PlannerChineseTests
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);

    private static IReadOnlyList<EditOperation> Plan(string prompt, int refs = 2) => Planner.PlanOperations(prompt, refs);

    [Theory]
    [InlineData("把视频调成参考图的色调")]
    [InlineData("参考图片的色彩")]
    [InlineData("使用参考图片的风格")]
    [InlineData("按照参考图的调色来处理视频")]
    [InlineData("视频的色调和图片一样")]
    public void Colour_look(string prompt) =>
        Assert.Equal(new ColourLookOp(0, ColourLookOp.DefaultStrength), Assert.Single(Plan(prompt, 1)));

    [Theory]
    [InlineData("把视频调成图2的色调", 1)]
    [InlineData("参考第二张图片的色彩", 1)]
    [InlineData("使用图一的风格", 0)]
    [InlineData("参考第3张图的调色", 2)]
    public void Colour_look_image_index(string prompt, int index) =>
        Assert.Equal(index, Assert.IsType<ColourLookOp>(Assert.Single(Plan(prompt, 3))).ReferenceIndex);

    [Theory]
    [InlineData("把logo放在右上角", Anchor.TopRight)]
    [InlineData("把logo放在左下角", Anchor.BottomLeft)]
    [InlineData("把logo放在中间", Anchor.Center)]
    [InlineData("把logo放在正中", Anchor.Center)]
    [InlineData("在右下角加上水印", Anchor.BottomRight)]
    [InlineData("在左上角添加图片", Anchor.TopLeft)]
    [InlineData("加一个logo", Anchor.TopRight)]
    [InlineData("把图2放在顶部", Anchor.TopCenter)]
    public void Overlay(string prompt, Anchor anchor) =>
        Assert.Equal(anchor, Assert.IsType<OverlayOp>(Assert.Single(Plan(prompt, 2))).Anchor);

    [Theory]
    [InlineData("把视频变成黑白", GlobalLook.Grayscale, 1)]
    [InlineData("复古风格", GlobalLook.Sepia, 1)]
    [InlineData("加一点怀旧感", GlobalLook.Sepia, 1)]
    [InlineData("亮一点", GlobalLook.Brightness, 1)]
    [InlineData("提亮画面", GlobalLook.Brightness, 1)]
    [InlineData("画面变暗", GlobalLook.Brightness, -1)]
    [InlineData("暗一点", GlobalLook.Brightness, -1)]
    [InlineData("暖色调", GlobalLook.Warmth, 1)]
    [InlineData("偏暖一些", GlobalLook.Warmth, 1)]
    [InlineData("冷色", GlobalLook.Warmth, -1)]
    [InlineData("偏冷", GlobalLook.Warmth, -1)]
    [InlineData("提高对比度", GlobalLook.Contrast, 1)]
    [InlineData("对比度低一点", GlobalLook.Contrast, -1)]
    [InlineData("增加饱和度", GlobalLook.Saturation, 1)]
    [InlineData("颜色更鲜艳", GlobalLook.Saturation, 1)]
    [InlineData("颜色淡一点", GlobalLook.Saturation, -1)]
    public void Global_looks(string prompt, GlobalLook look, int sign)
    {
        var op = Assert.IsType<GlobalLookOp>(Assert.Single(Plan(prompt)));
        Assert.Equal(look, op.Look);
        Assert.Equal(sign, Math.Sign(op.Amount));
    }

    [Theory]
    [InlineData("模糊处理", typeof(BlurOp))]
    [InlineData("镜像", typeof(MirrorOp))]
    [InlineData("水平翻转视频", typeof(MirrorOp))]
    public void Blur_and_mirror(string prompt, Type expected) => Assert.IsType(expected, Assert.Single(Plan(prompt)));

    [Theory]
    [InlineData("把背景换成图片里的场景", typeof(BackgroundReplaceOp))]
    [InlineData("用参考图替换背景", typeof(BackgroundReplaceOp))]
    [InlineData("背景虚化", typeof(BackgroundBlurOp))]
    [InlineData("模糊背景", typeof(BackgroundBlurOp))]
    [InlineData("绿幕", typeof(BackgroundSolidOp))]
    [InlineData("去掉背景", typeof(BackgroundSolidOp))]
    [InlineData("背景换成白色", typeof(BackgroundSolidOp))]
    [InlineData("人物保留彩色 背景黑白", typeof(BackgroundGrayscaleOp))]
    [InlineData("人物保留彩色，背景变成黑白", typeof(BackgroundGrayscaleOp))]
    [InlineData("把视频里女孩的衣服换成图片里的衣服", typeof(OutfitRecolourOp))]
    public void Person_intents(string prompt, Type expected) => Assert.IsType(expected, Assert.Single(Plan(prompt, 1)));

    [Fact]
    public void White_background_is_white()
    {
        var op = Assert.IsType<BackgroundSolidOp>(Assert.Single(Plan("背景换成白色", 0)));
        Assert.Equal((255, 255, 255), (op.R, op.G, op.B));
    }

    [Fact]
    public void Combination()
    {
        var ops = Plan("把视频调成图1的色调，并把图2放在右上角，再亮一点", 2);
        Assert.Collection(ops,
            o => Assert.Equal(0, Assert.IsType<ColourLookOp>(o).ReferenceIndex),
            o => Assert.Equal(GlobalLook.Brightness, Assert.IsType<GlobalLookOp>(o).Look),
            o => Assert.Equal(new OverlayOp(1, Anchor.TopRight, OverlayOp.DefaultScale), o));
    }

    [Fact]
    public void Mixed_language_prompt()
    {
        var ops = Plan("make it black and white，把logo放在左上角", 1);
        Assert.Contains(ops, o => o is GlobalLookOp { Look: GlobalLook.Grayscale });
        Assert.Contains(ops, o => o is OverlayOp { Anchor: Anchor.TopLeft });
    }

    [Fact]
    public void The_rest_in_black_and_white_is_the_person_colour_edit() =>
        Assert.IsType<BackgroundGrayscaleOp>(Assert.Single(Plan("人物保持彩色，其他部分变成黑白")));

    [Fact]
    public void Coordinated_dimensions()
    {
        var ops = Plan("提高饱和度和对比度", 0);
        Assert.Equal(2, ops.Count);
        Assert.All(ops, o => Assert.True(Assert.IsType<GlobalLookOp>(o).Amount > 0));
    }

    [Fact]
    public void A_bit_between_verb_and_noun() =>
        Assert.Equal(GlobalLook.Contrast, Assert.IsType<GlobalLookOp>(Assert.Single(Plan("增加一点对比度", 0))).Look);
}
