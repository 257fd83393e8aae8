namespace Recut.Engines.Local.Rendering;

/// <summary>Forwards progress to an observer: clamped to 0..1, never going backwards, and only in useful steps.</summary>
public sealed class ProgressTracker
{
    private const double Step = 0.005;
    private readonly IEditObserver? _observer;
    private readonly ProgressTracker? _parent;
    private readonly double _from;
    private readonly double _to = 1;
    private readonly object _gate = new();
    private double _reported = -1;

    public ProgressTracker(IEditObserver observer) => _observer = observer ?? throw new ArgumentNullException(nameof(observer));

    private ProgressTracker(ProgressTracker parent, double from, double to) => (_parent, _from, _to) = (parent, from, to);

    /// <summary>
    /// A tracker whose 0..1 is this one's <paramref name="from"/>..<paramref name="to"/>: for a render in two passes
    /// (an analysis of the whole clip, then the render), so the bar moves during both and never goes back.
    /// </summary>
    public ProgressTracker Slice(double from, double to) => new(this, Math.Clamp(from, 0, 1), Math.Clamp(to, from, 1));

    public void Report(double fraction)
    {
        if (double.IsNaN(fraction))
        {
            return;
        }
        var f = Math.Clamp(fraction, 0, 1);
        if (_parent is not null)
        {
            _parent.Report(_from + ((_to - _from) * f));
            return;
        }
        lock (_gate)
        {
            if (f < _reported + Step && !(f >= 1 && _reported < 1))
            {
                return;
            }
            _reported = f;
        }
        _observer!.OnProgress(f);
    }

    public void Complete() => Report(1);
}
