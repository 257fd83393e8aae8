namespace Recut.Engines.Local.Colour;

/// <summary>Mean and standard deviation of one Y'CbCr plane (limited-range 8-bit units).</summary>
public readonly record struct PlaneMoments(double Mean, double StdDev);

/// <summary>Y, Cb and Cr statistics of a picture or a clip: the inputs of the statistical colour transfer.</summary>
/// <param name="GreyLift">
/// Mean of (luma of the same-luminance grey − Y'): how much luma black-and-white must add so the picture keeps its
/// mean lightness (see <see cref="YCbCrMatrix.GreyLumaOf"/>).
/// </param>
public sealed record PlaneStatistics(PlaneMoments Y, PlaneMoments Cb, PlaneMoments Cr, double GreyLift = 0);

/// <summary>Collects weighted R'G'B' samples (weight = pixel opacity) as Y'CbCr and reduces them to <see cref="PlaneStatistics"/>.</summary>
public sealed class PlaneAccumulator(YCbCrMatrix matrix)
{
    private double _w, _y, _cb, _cr, _yy, _cbcb, _crcr, _lift;

    public void Add(byte r, byte g, byte b, double weight = 1)
    {
        var (y, cb, cr) = matrix.FromRgb(r, g, b);
        _lift += weight * (matrix.GreyLumaOf(r, g, b) - y);
        _w += weight;
        _y += weight * y;
        _cb += weight * cb;
        _cr += weight * cr;
        _yy += weight * y * y;
        _cbcb += weight * cb * cb;
        _crcr += weight * cr * cr;
    }

    public PlaneStatistics Result()
    {
        if (_w <= 0)
        {
            throw new InvalidOperationException("no pixels were measured");
        }
        return new PlaneStatistics(Moments(_y, _yy), Moments(_cb, _cbcb), Moments(_cr, _crcr), _lift / _w);
    }

    private PlaneMoments Moments(double sum, double sumSquares)
    {
        var mean = sum / _w;
        return new PlaneMoments(mean, Math.Sqrt(Math.Max(0, (sumSquares / _w) - (mean * mean))));
    }
}
