namespace Recut.Engines.Local.Colour;

/// <summary>Mean and standard deviation of L*, a*, b* over a picture or a clip (the inputs of a Reinhard transfer).</summary>
public sealed record LabStatistics(LabColour Mean, LabColour StdDev, double Weight);

/// <summary>Collects weighted Lab samples (weight = pixel opacity) and reduces them to <see cref="LabStatistics"/>.</summary>
public sealed class LabAccumulator
{
    private double _w, _l, _a, _b, _ll, _aa, _bb;

    public void Add(byte r, byte g, byte b, double weight = 1)
    {
        var lab = SrgbLab.FromBytes(r, g, b);
        _w += weight;
        _l += weight * lab.L;
        _a += weight * lab.A;
        _b += weight * lab.B;
        _ll += weight * lab.L * lab.L;
        _aa += weight * lab.A * lab.A;
        _bb += weight * lab.B * lab.B;
    }

    /// <summary>Adds every pixel of a packed RGB24 buffer.</summary>
    public void AddRgb24(ReadOnlySpan<byte> rgb)
    {
        for (var i = 0; i + 2 < rgb.Length; i += 3)
        {
            Add(rgb[i], rgb[i + 1], rgb[i + 2]);
        }
    }

    public LabStatistics Result()
    {
        if (_w <= 0)
        {
            throw new InvalidOperationException("no pixels were measured");
        }
        var mean = new LabColour(_l / _w, _a / _w, _b / _w);
        var std = new LabColour(Std(_ll, mean.L), Std(_aa, mean.A), Std(_bb, mean.B));
        return new LabStatistics(mean, std, _w);
    }

    private double Std(double sumSquares, double mean) => Math.Sqrt(Math.Max(0, (sumSquares / _w) - (mean * mean)));
}
