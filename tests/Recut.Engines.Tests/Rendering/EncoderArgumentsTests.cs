using Recut.Engines;
using Recut.Engines.Local.Rendering;

namespace Recut.Engines.Tests.Rendering;

/// <summary>The encoders a render can have: the frame pipeline's above 720p saves memory; the others stay as fast as they can.</summary>
public sealed class EncoderArgumentsTests
{
    private static readonly RenderSpec Spec = new() { Width = 1920, Height = 1080, DurationSeconds = 10 };
    private static readonly LocalMedia Source = LocalMedia.Mp4File("/tmp/in.mp4");

    [Fact]
    public void The_frame_pipeline_encoder_threads_on_slices()
    {
        var args = FilterGraphBuilder.EncoderArguments(Source, Spec, "/tmp/out.mp4").ToList();

        var i = args.IndexOf("-x264-params");
        Assert.True(i >= 0, string.Join(' ', args));
        Assert.Equal("sliced-threads=1", args[i + 1]);
        // An output option: it must come after the last input, before the output file.
        Assert.True(i > args.IndexOf("pipe:0") && i < args.Count - 1);
        Assert.True(i > args.IndexOf("libx264"));
    }

    [Fact]
    public void Up_to_720p_the_frame_pipeline_encoder_keeps_frame_threads()
    {
        var args = FilterGraphBuilder.EncoderArguments(Source, Spec with { Width = 1280, Height = 720 }, "/tmp/out.mp4");

        Assert.DoesNotContain("-x264-params", args);
    }

    [Fact]
    public void The_direct_encoder_keeps_frame_threads()
    {
        var args = FilterGraphBuilder.DirectArguments(Source, Spec, "/tmp/out.mp4");

        Assert.DoesNotContain("-x264-params", args);
        Assert.Contains("libx264", args);
    }
}
