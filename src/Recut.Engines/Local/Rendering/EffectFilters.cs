using System.Globalization;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Rendering;

/// <summary>The ffmpeg filters of the whole-frame effects. Every number is Recut's own; no user text reaches these strings.</summary>
public static class EffectFilters
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string For(FilterOperation op, RenderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return op switch
        {
            VignetteOp v => string.Create(Inv, $"vignette=angle={v.Angle:0.####}"),
            // Luma-only temporal noise: grain, not colour speckle; the seed makes it reproducible.
            FilmGrainOp g => string.Create(Inv, $"noise=c0s={g.Amplitude}:c0f=t+u:c0_seed={(spec.Seed & 0x7fffffff) | 1}"),
            // Darker with crushed shadows (gamma), most colour drained, then the blue of moonlight pushed into every range.
            DayForNightOp => "eq=brightness=-0.1:saturation=0.35:gamma=0.55,colorbalance=rs=-0.2:gs=-0.05:bs=0.25:rm=-0.15:bm=0.2:rh=-0.1:bh=0.1,format=yuv420p",
            // Flattened surfaces (smartblur keeps edges), outlines mixed in by edgedetect's colormix, livelier colour, then
            // the luma posterised to nine levels.
            CartoonOp => "smartblur=lr=3:ls=-0.9,edgedetect=mode=colormix:high=0.18:low=0.06,eq=brightness=0.05:contrast=1.2:saturation=1.5,lutyuv=y=floor(val/28)*28+14",
            // 1.5× hqdn3d's defaults: its own are too timid for phone noise once it is scaled up to the output size.
            DenoiseOp d => string.Create(Inv, $"hqdn3d={6 * d.Strength:0.##}:{4.5 * d.Strength:0.##}:{9 * d.Strength:0.##}:{6.75 * d.Strength:0.##}"),
            SharpenOp s => string.Create(Inv, $"unsharp=lx=5:ly=5:la={s.Amount:0.##}:cx=5:cy=5:ca=0"),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op.GetType().Name),
        };
    }

    /// <summary>Fades on the output timeline, at most a third of it each, so a short clip still shows a picture.</summary>
    public static IEnumerable<string> Fades(FadeOp fade, double seconds)
    {
        ArgumentNullException.ThrowIfNull(fade);
        var d = FadeOp.LengthFor(seconds);
        if (fade.In)
        {
            yield return string.Create(Inv, $"fade=t=in:st=0:d={d:0.###}");
        }
        if (fade.Out)
        {
            yield return string.Create(Inv, $"fade=t=out:st={seconds - d:0.###}:d={d:0.###}");
        }
    }

    public static IEnumerable<string> AudioFades(FadeOp fade, double seconds)
    {
        ArgumentNullException.ThrowIfNull(fade);
        var d = FadeOp.LengthFor(seconds);
        if (fade.In)
        {
            yield return string.Create(Inv, $"afade=t=in:st=0:d={d:0.###}");
        }
        if (fade.Out)
        {
            yield return string.Create(Inv, $"afade=t=out:st={seconds - d:0.###}:d={d:0.###}");
        }
    }
}
