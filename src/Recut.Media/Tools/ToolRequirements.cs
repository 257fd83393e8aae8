namespace Recut.Media.Tools;

/// <summary>
/// What Recut asks of ffmpeg. Kept beside the code that builds the command lines (FilterGraphBuilder, the colour
/// sampler, the frame pipeline): a build missing one of these would fail every task of that kind at run time, so the
/// server refuses to start instead.
/// </summary>
public static class ToolRequirements
{
    /// <summary>The output encoders: H.264 video and AAC audio (FilterGraphBuilder.Encode).</summary>
    public static readonly IReadOnlyList<string> Encoders = ["libx264", "aac"];

    /// <summary>
    /// Every filter a graph may contain: shaping (scale, crop, setsar, fps, format), colour looks (lutyuv), blur
    /// (gblur), mirror (hflip), logos (overlay), the "AI生成" watermark and titles (drawtext), sampling (framestep),
    /// no-ops (null); the effects of issue 18 (EffectFilters, TimeFilters, Stabiliser): vignette, grain (noise), fades,
    /// day-for-night (eq, colorbalance), the cartoon-style filter (smartblur, edgedetect), denoise (hqdn3d), sharpen
    /// (unsharp), stabilise (vidstabdetect, vidstabtransform), time (trim, setpts, framerate, reverse) and the sound's
    /// counterparts (atrim, asetpts, areverse, atempo, afade); reframe's moving crop (sendcmd).
    /// </summary>
    public static readonly IReadOnlyList<string> Filters =
        ["scale", "crop", "setsar", "fps", "format", "lutyuv", "gblur", "hflip", "overlay", "drawtext", "framestep", "null",
         "vignette", "noise", "fade", "eq", "colorbalance", "smartblur", "edgedetect", "hqdn3d", "unsharp", "vidstabdetect", "vidstabtransform",
         "trim", "setpts", "framerate", "reverse", "atrim", "asetpts", "areverse", "atempo", "afade", "sendcmd"];
}
