using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;

namespace Recut.Engines.Tests.Planning;

public sealed class PlannerRefusalTests
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);
    private static readonly InstructionPlanner WithoutPerson = new(Array.Empty<IFrameProcessorFactory>());

    private static ApiErrorException Refuse(string prompt, int refs = 1, InstructionPlanner? planner = null)
    {
        var e = Assert.Throws<ApiErrorException>(() => (planner ?? Planner).PlanOperations(prompt, refs));
        Assert.Equal(ErrorCodes.UnsupportedEdit, e.Error.Code);
        return e;
    }

    [Theory]
    [InlineData("make the person dance")]
    [InlineData("remove the car")]
    [InlineData("add a dog")]
    [InlineData("change her face")]
    [InlineData("turn it into anime")]
    [InlineData("make it look like a Pixar movie")]
    [InlineData("remove the watermark in the top right corner")]
    [InlineData("flip the video vertically")]
    [InlineData("add subtitles")]
    [InlineData("change the speed")]
    [InlineData("让人物跳舞")]
    [InlineData("去掉画面里的车")]
    [InlineData("加一只狗")]
    [InlineData("把她的脸换掉")]
    [InlineData("变成动漫风格")]
    [InlineData("去掉右上角的水印")]
    [InlineData("上下翻转")]
    [InlineData("hello there")]
    [InlineData("contrast")]
    [InlineData("make the sky bluer")]
    [InlineData("crop the video to square")]
    [InlineData("colorize this old footage")]
    [InlineData("把天空变成粉色")]
    [InlineData("视频加上字幕")]
    [InlineData("make it warmer in the style of Van Gogh")]
    [InlineData("give it a cyberpunk look")]
    [InlineData("make it brighter, impressionist")]
    public void Unsupported_edits_fail_with_the_capability_list(string prompt)
    {
        var e = Refuse(prompt);
        Assert.Contains("It can:", e.Error.Message, StringComparison.Ordinal);
        Assert.Contains("colour look", e.Error.Message, StringComparison.Ordinal);
        Assert.Contains("mirror", e.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("make it black and white and make the person dance", "make the person dance")]
    [InlineData("give the video the colours of the image, then add a dog", "add a dog")]
    [InlineData("把视频调成黑白，然后让人物跳舞", "让人物跳舞")]
    [InlineData("blur the faces in the background", "blur the faces in the background")]
    [InlineData("make the girl black and white", "make the girl black and white")]
    [InlineData("make the background darker", "make the background darker")]
    public void A_supported_edit_does_not_hide_an_unsupported_one(string prompt, string quoted)
    {
        var e = Refuse(prompt);
        Assert.Contains($"\"{quoted}\"", e.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_prompt_with_reference_is_the_default_colour_look() =>
        Assert.Equal(new ColourLookOp(0, ColourLookOp.DefaultStrength), Assert.Single(Planner.PlanOperations("  ", 1)));

    [Fact]
    public void Empty_prompt_without_reference_is_unsupported() =>
        Assert.Contains("empty", Refuse("", 0).Error.Message, StringComparison.Ordinal);

    [Fact]
    public void Person_edits_need_a_segmentation_factory()
    {
        var e = Refuse("blur the background", 1, WithoutPerson);
        Assert.Contains("Person-aware edits are unavailable", e.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("around the person", e.Error.Message, StringComparison.Ordinal);
        // The same planner still plans ordinary edits.
        Assert.Single(WithoutPerson.PlanOperations("make it brighter", 0));
    }

    [Fact]
    public void Capability_list_mentions_person_edits_when_available() =>
        Assert.Contains("replace the background", Refuse("add a dog").Error.Message, StringComparison.Ordinal);

    [Fact]
    public void Reference_edit_without_any_image_fails() =>
        Assert.Contains("needs a reference image", Refuse("put the logo in the top-right corner", 0).Error.Message, StringComparison.Ordinal);

    [Fact]
    public void Named_image_beyond_the_supplied_ones_fails() =>
        Assert.Contains("reference image 3", Refuse("give the video the colours of image 3", 2).Error.Message, StringComparison.Ordinal);

    [Fact]
    public void Opposite_requests_fail() =>
        Assert.Contains("opposite", Refuse("make it brighter and make it darker", 0).Error.Message, StringComparison.Ordinal);

    [Fact]
    public void Two_colour_looks_fail() =>
        Refuse("give the video the colours of image 1 and the palette of image 2", 2);
}
