using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// Carries a garment pattern onto the video's clothing: the pattern (its Lab albedo) is laid over the body in the
/// <see cref="BodyFrame"/> — <see cref="ShoulderWidths"/> shoulder widths to one tile width, repeated without a seam
/// (<see cref="PatternRepeat"/>) — and lit by the video's own cloth. Lighting multiplies albedo, and with
/// L* = 116·Y^⅓ − 16 a multiplied luminance is a multiplied (L* + 16): so
/// (L*out + 16) = (L*pattern + 16) · (L*source + 16) / (L*cloth + 16), where L*cloth is the cloth's median. A fold
/// half as bright as the cloth is half as bright in the pattern. a* and b* are the pattern's.
/// </summary>
public sealed class PatternTransfer : IDisposable
{
    /// <summary>How many shoulder widths one tile spans (a shirt's front is about one shoulder width across).</summary>
    public const float ShoulderWidths = 1.0f;

    /// <summary>The shoulder line sits this many shoulder widths below the tile's top edge (room for the collar).</summary>
    private const float ShoulderBelowTop = 0.3f;
    private const double MinRatio = 0.3, MaxRatio = 2.5;
    private readonly Mat _tileLab = new();
    private readonly Mat _lab = new();
    private readonly Mat _pattern = new();
    private readonly byte[] _lightness = new byte[256 * 256];
    private double _lutCentre = double.NaN;

    private readonly BorderTypes _repeat;

    public PatternTransfer(Mat tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        var (repeatable, border) = PatternRepeat.Prepare(tile);
        using (repeatable)
        {
            Cv2.CvtColor(repeatable, _tileLab, ColorConversionCodes.BGR2Lab);
            TileSize = repeatable.Size();
        }
        _repeat = border;
    }

    /// <summary>Whether the tile wraps round exactly (a regular repeat) or is mirrored at its edges.</summary>
    public bool Wraps => _repeat == BorderTypes.Wrap;

    public Size TileSize { get; }

    /// <summary>The whole frame with the pattern laid on (CV_8UC3); the caller blends it in through the clothing mask.</summary>
    public Mat Result { get; } = new();

    /// <param name="clothCentreL">The video cloth's median lightness (OpenCV 8-bit L): the lighting's reference level.</param>
    public void Render(Mat bgrFrame, BodyFrame body, double clothCentreL)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        BuildLightness(clothCentreL);
        Cv2.CvtColor(bgrFrame, _lab, ColorConversionCodes.BGR2Lab);
        using var map = FrameToTile(body);
        Cv2.WarpAffine(_tileLab, _pattern, map, bgrFrame.Size(), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, _repeat);
        var source = _lab.AsSpan<byte>();
        var pattern = _pattern.AsSpan<byte>();
        var table = _lightness;
        for (var i = 0; i < source.Length; i += 3)
        {
            source[i] = table[(source[i] << 8) | pattern[i]];
            source[i + 1] = pattern[i + 1];
            source[i + 2] = pattern[i + 2];
        }
        Cv2.CvtColor(_lab, Result, ColorConversionCodes.Lab2BGR);
    }

    /// <summary>The affine map from frame pixels to tile pixels for this body frame (2×3, CV_64F).</summary>
    public Mat FrameToTile(BodyFrame body)
    {
        var k = TileSize.Width / (ShoulderWidths * Math.Max(body.Size, 1f));
        double cos = Math.Cos(body.Angle), sin = Math.Sin(body.Angle);
        // Rotate by −angle (into the body's axes), then scale, then put the shoulder midpoint at the tile's top centre.
        double a = k * cos, b = k * sin, c = -k * sin, d = k * cos;
        double cx = TileSize.Width / 2.0, cy = ShoulderBelowTop * TileSize.Width / ShoulderWidths;
        var ox = body.Origin.X;
        var oy = body.Origin.Y;
        var m = new Mat(2, 3, MatType.CV_64FC1);
        m.Set(0, 0, a);
        m.Set(0, 1, b);
        m.Set(0, 2, cx - (a * ox) - (b * oy));
        m.Set(1, 0, c);
        m.Set(1, 1, d);
        m.Set(1, 2, cy - (c * ox) - (d * oy));
        return m;
    }

    private void BuildLightness(double centreL)
    {
        if (Math.Abs(centreL - _lutCentre) < 0.25)
        {
            return;
        }
        _lutCentre = centreL;
        var cloth = ToLStar(centreL) + 16;
        for (var s = 0; s < 256; s++)
        {
            var ratio = Math.Clamp((ToLStar(s) + 16) / cloth, MinRatio, MaxRatio);
            for (var p = 0; p < 256; p++)
            {
                var lStar = ((ToLStar(p) + 16) * ratio) - 16;
                var l8 = OutfitRecolourer.SoftLimit(lStar * 255 / 100);
                _lightness[(s << 8) | p] = (byte)Math.Clamp(Math.Round(l8), 0, 255);
            }
        }
    }

    private static double ToLStar(double l8) => l8 * 100 / 255;

    public void Dispose()
    {
        _tileLab.Dispose();
        _lab.Dispose();
        _pattern.Dispose();
        Result.Dispose();
    }
}
