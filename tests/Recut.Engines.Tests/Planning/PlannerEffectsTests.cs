using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Planning.Corpus;
using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;

namespace Recut.Engines.Tests.Planning;

/// <summary>Issue 18's edits read from English and Chinese, and the near misses that must still be refused.</summary>
public sealed class PlannerEffectsTests
{
    private static readonly InstructionPlanner Planner = new([new AcceptingFrameProcessorFactory()]);

    private static string Plan(string prompt, int refs = 0) => PlannerCorpus.Describe(Planner.PlanOperations(prompt, refs));

    private static string Refusal(string prompt, int refs = 0)
    {
        var e = Assert.Throws<Recut.Protocol.Errors.ApiErrorException>(() => Planner.PlanOperations(prompt, refs));
        Assert.StartsWith(ErrorCodes.UnsupportedEdit, e.Error.Code, StringComparison.Ordinal);
        return e.Error.Message;
    }

    [Theory]
    [InlineData("add a vignette", "vignette")]
    [InlineData("darken the corners a little", "vignette")]
    [InlineData("加个暗角", "vignette")]
    [InlineData("add some film grain", "grain")]
    [InlineData("make it grainy", "grain")]
    [InlineData("加点胶片颗粒感", "grain")]
    [InlineData("fade in from black", "fade(in)")]
    [InlineData("fade out to black at the end", "fade(out)")]
    [InlineData("fade in and out", "fade(inout)")]
    [InlineData("fade in at the start and fade out at the end", "fade(inout)")]
    [InlineData("开头淡入", "fade(in)")]
    [InlineData("加上淡入淡出", "fade(inout)")]
    [InlineData("make it day for night", "night")]
    [InlineData("调成夜景效果", "night")]
    [InlineData("give it a cartoon-style look", "cartoon")]
    [InlineData("posterize it", "cartoon")]
    [InlineData("做成卡通风格", "cartoon")]
    [InlineData("black and white with a vignette", "bw + vignette")]
    public void Looks(string prompt, string expected) => Assert.Equal(expected, Plan(prompt));

    [Theory]
    [InlineData("speed it up", "speed(2)")]
    [InlineData("make it 2x faster", "speed(2)")]
    [InlineData("play it at 4x speed", "speed(4)")]
    [InlineData("twice as fast please", "speed(2)")]
    [InlineData("half speed", "speed(0.5)")]
    [InlineData("slow it down 2x", "speed(0.5)")]
    [InlineData("slow motion please", "speed(0.5)")]
    [InlineData("make it 0.25x speed", "speed(0.25)")]
    [InlineData("加速播放", "speed(2)")]
    [InlineData("2倍速", "speed(2)")]
    [InlineData("两倍速播放", "speed(2)")]
    [InlineData("做成慢动作", "speed(0.5)")]
    [InlineData("0.5倍速", "speed(0.5)")]
    [InlineData("reverse the video", "reverse")]
    [InlineData("play it backwards", "reverse")]
    [InlineData("倒放", "reverse")]
    [InlineData("only the first 3 seconds", "trim(keepfirst,3)")]
    [InlineData("keep just the last 4 seconds", "trim(keeplast,4)")]
    [InlineData("cut the first 2 seconds", "trim(dropfirst,2)")]
    [InlineData("remove the last 1.5s", "trim(droplast,1.5)")]
    [InlineData("trim it to 5 seconds", "trim(keepfirst,5)")]
    [InlineData("去掉开头两秒", "trim(dropfirst,2)")]
    [InlineData("只要前三秒", "trim(keepfirst,3)")]
    [InlineData("剪掉最后2秒", "trim(droplast,2)")]
    [InlineData("speed it up and make it black and white", "bw + speed(2)")]
    public void Time(string prompt, string expected) => Assert.Equal(expected, Plan(prompt));

    [Theory]
    [InlineData("stabilise the footage", "stabilise")]
    [InlineData("it's too shaky, fix it", "stabilise")]
    [InlineData("防抖", "stabilise")]
    [InlineData("画面太抖了", "stabilise")]
    [InlineData("denoise it", "denoise")]
    [InlineData("remove the noise", "denoise")]
    [InlineData("it's too grainy", "denoise")]
    [InlineData("去噪", "denoise")]
    [InlineData("去掉噪点", "denoise")]
    [InlineData("sharpen the image", "sharpen")]
    [InlineData("make it a bit sharper", "sharpen")]
    [InlineData("锐化一下", "sharpen")]
    public void Clarity(string prompt, string expected) => Assert.Equal(expected, Plan(prompt));

    [Theory]
    [InlineData("add the title 'Summer 2026' at the top", "Summer 2026", Anchor.TopCenter)]
    [InlineData("add the caption \"See you soon!\"", "See you soon!", Anchor.BottomCenter)]
    [InlineData("put the text “it's a wrap” in the middle", "it's a wrap", Anchor.Center)]
    [InlineData("在底部加上字幕：欢迎光临", "欢迎光临", Anchor.BottomCenter)]
    [InlineData("加个标题「夏日回忆」", "夏日回忆", Anchor.TopCenter)]
    [InlineData("add the title 'make it black and white'", "make it black and white", Anchor.TopCenter)]
    public void Titles_draw_only_the_quoted_words(string prompt, string text, Anchor anchor)
    {
        var title = Assert.Single(Planner.PlanOperations(prompt, 0).OfType<TitleOp>());
        Assert.Equal(text, title.Text);
        Assert.Equal(anchor, title.Anchor);
        Assert.Single(Planner.PlanOperations(prompt, 0)); // the quoted words are never read as an instruction
    }

    [Theory]
    [InlineData("add subtitles")] // no text given: never made up
    [InlineData("视频加上字幕")]
    [InlineData("change the speed")]
    [InlineData("speed it up 10x")] // outside 0.25–4×
    [InlineData("make it faster and slower")]
    [InlineData("the first 3 seconds")] // keep or cut?
    [InlineData("make it shaky")]
    [InlineData("add noise")]
    [InlineData("reverse the colours")]
    [InlineData("remove the vignette")]
    [InlineData("turn it into a cartoon")]
    [InlineData("人物变成卡通")]
    [InlineData("turn it into anime")]
    [InlineData("make it look like it was shot at night")]
    [InlineData("less sharpness")]
    [InlineData("'hello'")]
    public void Near_misses_are_refused(string prompt) => Refusal(prompt);

    [Fact]
    public void Hostile_or_long_text_is_refused_with_a_reason()
    {
        Assert.Contains("longer than 60", Refusal($"add the caption \"{new string('a', 61)}\""), StringComparison.Ordinal);
        Assert.Contains("line break", Refusal("add the caption \"one\ntwo\""), StringComparison.Ordinal);
        Assert.Contains("no text given", Refusal("add a title at the top"), StringComparison.Ordinal);
    }

    [Fact]
    public void Speed_or_trim_with_a_person_edit_is_refused() =>
        Assert.Contains("person-aware", Refusal("blur the background and speed it up"), StringComparison.Ordinal);
}
