using OpenCvSharp;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// Steadies a per-frame byte mask at model size: an exponential moving average whose weight grows with the
/// change (noise on a still subject is averaged away, real motion passes at once), then an edge curve and a
/// Gaussian feather. State is 8.8 fixed point so small changes are not lost to rounding.
/// </summary>
public sealed class MaskSmoother : IDisposable
{
    private readonly int _minAlphaQ8;
    private readonly int _motion;
    private readonly double _feather;
    private readonly Mat _lut;
    private readonly Mat _averaged = new();
    private ushort[] _state = [];
    private bool _primed;

    public MaskSmoother(MaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EdgeHigh <= options.EdgeLow)
        {
            throw new ArgumentException("EdgeHigh must be above EdgeLow", nameof(options));
        }
        _minAlphaQ8 = Math.Clamp((int)Math.Round(options.TemporalMinAlpha * 256), 1, 256);
        _motion = Math.Max(1, options.MotionThreshold);
        _feather = options.FeatherSigma;
        _lut = EdgeCurve(options.EdgeLow, options.EdgeHigh);
    }

    /// <summary>Forget the history (a new shot).</summary>
    public void Reset() => _primed = false;

    /// <summary>Smooths <paramref name="raw"/> (CV_8UC1) into <paramref name="output"/> (same size, created or reused).</summary>
    public void Smooth(Mat raw, Mat output)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(output);
        if (raw.Type() != MatType.CV_8UC1 || !raw.IsContinuous())
        {
            throw new ArgumentException("mask must be a continuous CV_8UC1 Mat", nameof(raw));
        }
        var n = raw.Rows * raw.Cols;
        if (_state.Length != n)
        {
            _state = new ushort[n];
            _primed = false;
        }
        _averaged.Create(raw.Size(), MatType.CV_8UC1);
        Average(raw.AsSpan<byte>(), _averaged.AsSpan<byte>());
        Cv2.LUT(_averaged, _lut, _averaged);
        if (_feather > 0)
        {
            Cv2.GaussianBlur(_averaged, output, new Size(0, 0), _feather);
        }
        else
        {
            _averaged.CopyTo(output);
        }
    }

    private void Average(ReadOnlySpan<byte> raw, Span<byte> averaged)
    {
        var state = _state.AsSpan();
        if (!_primed)
        {
            for (var i = 0; i < raw.Length; i++)
            {
                state[i] = (ushort)(raw[i] << 8);
                averaged[i] = raw[i];
            }
            _primed = true;
            return;
        }
        for (var i = 0; i < raw.Length; i++)
        {
            int target = raw[i] << 8;
            int current = state[i];
            var diff = target - current;
            var change = Math.Min(Math.Abs(diff) >> 8, _motion);
            var alphaQ8 = _minAlphaQ8 + ((256 - _minAlphaQ8) * change / _motion);
            current += (diff * alphaQ8) >> 8;
            state[i] = (ushort)current;
            averaged[i] = (byte)Math.Min((current + 128) >> 8, 255);
        }
    }

    /// <summary>A smoothstep from <paramref name="low"/> to <paramref name="high"/>: sharper edges, no hard step.</summary>
    private static Mat EdgeCurve(byte low, byte high)
    {
        var table = new byte[256];
        for (var v = 0; v < 256; v++)
        {
            var t = Math.Clamp((v - low) / (double)(high - low), 0, 1);
            table[v] = (byte)Math.Round(255 * t * t * (3 - (2 * t)));
        }
        return Mat.FromArray(table);
    }

    public void Dispose()
    {
        _lut.Dispose();
        _averaged.Dispose();
    }
}
