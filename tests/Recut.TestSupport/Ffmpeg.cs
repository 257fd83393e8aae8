using Recut.Media.Processes;

namespace Recut.TestSupport;

/// <summary>Short helpers over <see cref="ProcessRunner"/> for test media.</summary>
internal static class Ffmpeg
{
    private static readonly ProcessRunOptions Quick = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static Task RunAsync(IReadOnlyList<string> args, CancellationToken ct) =>
        ProcessRunner.Ffmpeg.RunAsync(args, Quick, ct);

    /// <summary>Runs <paramref name="runner"/> and returns everything it wrote to stdout.</summary>
    public static async Task<byte[]> CaptureAsync(ProcessRunner runner, IReadOnlyList<string> args, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await runner.RunAsync(args, Quick with
        {
            ReadStdout = (s, t) => s.CopyToAsync(buffer, t),
        }, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>
    /// Appends size/rate options to a lavfi source expression ("testsrc2" or "color=c=red"). Some sources
    /// (testsrc2) round odd sizes down to even, so for odd sizes the source is made even-sized and cropped
    /// in RGB (a crop in subsampled YUV would round to even again).
    /// </summary>
    public static string Lavfi(string source, int width, int height, int? fps)
    {
        source = Alias(source);
        var sep = source.Contains('=', StringComparison.Ordinal) ? ":" : "=";
        var rate = fps is { } f ? $":rate={f}" : "";
        if (width % 2 == 0 && height % 2 == 0)
        {
            return $"{source}{sep}size={width}x{height}{rate}";
        }
        int evenW = width + (width & 1), evenH = height + (height & 1);
        return $"{source}{sep}size={evenW}x{evenH}{rate},format=rgb24,crop={width}:{height}:0:0";
    }

    /// <summary>Friendly names the helpers accept for lavfi sources ("smpte" is "smptebars" to ffmpeg).</summary>
    private static string Alias(string source)
    {
        var eq = source.IndexOf('=', StringComparison.Ordinal);
        var name = eq < 0 ? source : source[..eq];
        var rest = eq < 0 ? "" : source[eq..];
        return name switch
        {
            "smpte" => "smptebars" + rest,
            "smptehd" => "smptehdbars" + rest,
            _ => source,
        };
    }
}
