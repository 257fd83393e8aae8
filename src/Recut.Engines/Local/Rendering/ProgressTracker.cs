namespace Recut.Engines.Local.Rendering;

/// <summary>Forwards progress to an observer: clamped to 0..1, never going backwards, and only in useful steps.</summary>
public sealed class ProgressTracker(IEditObserver observer)
{
    private const double Step = 0.005;
    private readonly object _gate = new();
    private double _reported = -1;

    public void Report(double fraction)
    {
        if (double.IsNaN(fraction))
        {
            return;
        }
        var f = Math.Clamp(fraction, 0, 1);
        lock (_gate)
        {
            if (f < _reported + Step && !(f >= 1 && _reported < 1))
            {
                return;
            }
            _reported = f;
        }
        observer.OnProgress(f);
    }

    public void Complete() => Report(1);
}
