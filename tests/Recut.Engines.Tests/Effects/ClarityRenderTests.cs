using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Effects;

/// <summary>Stabilise, denoise and sharpen, each measured on a clip with a known fault added.</summary>
public sealed class ClarityRenderTests
{
    /// <summary>Mean absolute difference between consecutive frames in the centre: camera shake makes it large.</summary>
    private static async Task<double> FrameToFrameAsync(string video)
    {
        var diffs = new List<double>();
        foreach (var t in new[] { 0.5, 0.8, 1.1, 1.4 })
        {
            var a = await FrameReader.ReadAsync(video, t);
            var b = await FrameReader.ReadAsync(video, t + (1 / 30.0));
            diffs.Add(Pixels.RegionDiff(a, b, a.Width / 4, a.Height / 4, a.Width / 2, a.Height / 2));
        }
        return diffs.Average();
    }

    [Fact]
    public async Task Stabilise_reduces_the_frame_to_frame_shift_of_a_shaken_clip()
    {
        var shaky = await EffectClips.ShakyAsync();
        using var stable = await EngineRuns.RunEngineAsync(shaky, [], "stabilise the footage");
        using var plain = await EngineRuns.RunEngineAsync(shaky, [], "make it a bit brighter");
        var before = await FrameToFrameAsync(plain.Output);
        var after = await FrameToFrameAsync(stable.Output);
        Assert.True(before > 8, $"the clip must shake to prove anything: {before:0.0}");
        Assert.True(after < before * 0.6, $"frame-to-frame difference {before:0.0} → {after:0.0}");
    }

    [Fact]
    public async Task Stabilising_a_steady_clip_is_refused()
    {
        var e = await Assert.ThrowsAsync<ApiErrorException>(async () =>
            await EngineRuns.RunEngineAsync(await EffectClips.SteadyAsync(), [], "stabilize it"));
        Assert.Equal(ErrorCodes.NothingToStabilise, e.Error.Code);
    }

    [Fact]
    public async Task Denoise_lowers_the_noise_of_a_noisy_clip()
    {
        var noisy = await EffectClips.NoisyAsync();
        using var clean = await EngineRuns.RunEngineAsync(noisy, [], "denoise it");
        using var plain = await EngineRuns.RunEngineAsync(noisy, [], "make it a bit brighter");
        var before = EffectClips.Spread(await plain.FrameAsync(1.0), 600, 320, 80, 80);
        var after = EffectClips.Spread(await clean.FrameAsync(1.0), 600, 320, 80, 80);
        Assert.True(before > 4, $"the clip must be noisy to prove anything: {before:0.0}");
        Assert.True(after < before * 0.8, $"noise {before:0.0} → {after:0.0}");
    }

    [Fact]
    public async Task Sharpen_raises_fine_detail()
    {
        using var run = await EngineRuns.RunEngineAsync(await SharedMedia.ShortClipAsync(), [], "sharpen the image");
        var edited = await run.FrameAsync(0.5);
        var baseline = await FrameReader.ReadAsync(await SharedMedia.ShortBaselineAsync(), 0.5);
        var ratio = Pixels.HighFrequency(edited) / Pixels.HighFrequency(baseline);
        Assert.True(ratio > 1.2, $"high-frequency energy ×{ratio:0.00}");
        Assert.InRange(edited.LabStats().L - baseline.LabStats().L, -2, 2);
    }
}
