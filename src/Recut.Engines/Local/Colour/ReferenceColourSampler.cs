using Recut.Media;
using SkiaSharp;

namespace Recut.Engines.Local.Colour;

/// <summary>
/// Y'CbCr statistics of a reference image: decoded with SkiaSharp, reduced to at most 256 px on the long side, each
/// pixel converted with the clip's matrix and weighted by its opacity so a logo's transparent margin does not count.
/// </summary>
public static class ReferenceColourSampler
{
    public const int MaxSide = 256;

    /// <param name="noun">How messages name the image: "reference image 2".</param>
    public static PlaneStatistics Measure(string path, YCbCrMatrix matrix, string noun = "reference image")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        using var codec = SKCodec.Create(path)
            ?? throw new MediaException(MediaErrorCodes.FileOpenError, $"The {noun} cannot be decoded.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var full = new SKBitmap(info);
        // A damaged file decodes "incompletely" into a partly blank bitmap; a look taken from that would be a wrong
        // edit reported as a success, so only a whole decode counts.
        if (codec.GetPixels(info, full.GetPixels()) != SKCodecResult.Success)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, $"The {noun} cannot be decoded: it is damaged or incomplete.");
        }
        var scale = Math.Min(1.0, MaxSide / (double)Math.Max(info.Width, info.Height));
        var small = new SKImageInfo(Math.Max(1, (int)Math.Round(info.Width * scale)), Math.Max(1, (int)Math.Round(info.Height * scale)),
            SKColorType.Rgba8888, SKAlphaType.Premul);
        using var reduced = scale < 1 ? full.Resize(small, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) : null;
        var bitmap = reduced ?? full;
        var acc = new PlaneAccumulator(matrix);
        var pixels = bitmap.GetPixelSpan();
        var any = false;
        for (var i = 0; i + 3 < pixels.Length; i += 4)
        {
            var a = pixels[i + 3];
            if (a < 8)
            {
                continue;
            }
            acc.Add(Unpremultiply(pixels[i], a), Unpremultiply(pixels[i + 1], a), Unpremultiply(pixels[i + 2], a), a / 255.0);
            any = true;
        }
        if (!any)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, $"The {noun} is fully transparent; it has no colours to take a look from.");
        }
        return acc.Result();
    }

    private static byte Unpremultiply(byte c, byte a) => a == 255 ? c : (byte)Math.Min(255, ((c * 255) + (a / 2)) / a);
}
