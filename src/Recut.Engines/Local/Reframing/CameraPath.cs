namespace Recut.Engines.Local.Reframing;

/// <summary>
/// Turns the subject's centre, frame by frame along one axis, into the centre of a crop window that moves like a
/// camera operator: offline, because the whole clip is analysed before the render.
/// <list type="number">
/// <item>gaps (frames where the person was not found) hold the nearest position seen, so the camera waits where the
/// person was last seen rather than drifting;</item>
/// <item>a running median takes out single-frame detection errors;</item>
/// <item>a dead zone: the target moves only when the subject leaves a band around it, so small moves and jitter give a
/// still camera; each hold is then centred on the subject's mean position over the hold;</item>
/// <item>a speed limit (<see cref="MaxSpeed"/>), then two critically damped passes forward and two backward (each a
/// kernel that is never negative and sums to one), which ease every pan in and out without lag, without overshoot
/// and without ever leaving the range the window may take.</item>
/// </list>
/// Units are those of the caller (source pixels); speeds are per second.
/// </summary>
public sealed class CameraPath
{
    /// <param name="frameLength">The source's length along the axis.</param>
    /// <param name="windowLength">The crop window's length along the axis.</param>
    /// <param name="fps">Frames per second of the positions.</param>
    public CameraPath(double frameLength, double windowLength, double fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameLength, windowLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        FrameLength = frameLength;
        WindowLength = windowLength;
        Fps = fps;
    }

    public double FrameLength { get; }
    public double WindowLength { get; }
    public double Fps { get; }

    /// <summary>Half-width of the dead zone: moves under 8 % of the window's width leave the camera still.</summary>
    public double DeadZone => 0.08 * WindowLength;

    /// <summary>
    /// Fastest pan: 1.5 window widths a second (a 9:16 window crosses a 16:9 frame in about 1.5 s). A subject moving
    /// faster than that (running across the frame, or a clip sped up) is partly cut off until the camera catches up:
    /// the pan stays a pan rather than becoming a whip.
    /// </summary>
    public double MaxSpeed => 1.5 * WindowLength;

    /// <summary>Time constant of each critically damped pass (seconds).</summary>
    public const double Smoothing = 0.15;

    /// <summary>Median window of the detection clean-up, in frames (about a third of a second at 30 fps).</summary>
    public int MedianFrames => Math.Max(1, (int)Math.Round(Fps / 3)) | 1;

    /// <summary>Holds shorter than this (seconds) keep their dead-zone position instead of being re-centred.</summary>
    public const double MinimumHold = 0.5;

    /// <summary>
    /// The bound on the camera's acceleration that the smoothing guarantees: a velocity step of at most 2·<see
    /// cref="MaxSpeed"/> through the two-pass critically damped kernel, whose peak is 1/(e·τ).
    /// </summary>
    public double MaxAcceleration => 2 * MaxSpeed / (Math.E * Smoothing);

    /// <summary>Lowest and highest centre the window may take without leaving the frame.</summary>
    public (double Low, double High) Range => (WindowLength / 2, FrameLength - (WindowLength / 2));

    /// <summary>The window's centre for each frame; null entries are frames where the subject was not found.</summary>
    public double[] Solve(IReadOnlyList<double?> subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Count == 0)
        {
            return [];
        }
        var filled = FillGaps(subject);
        var (low, high) = Range;
        var target = Hold(Median(filled)).Select(v => Math.Clamp(v, low, high)).ToArray();
        var limited = SpeedLimit(target);
        var alpha = 1 - Math.Exp(-1 / (Fps * Smoothing));
        Smooth(limited, alpha, forward: true);
        Smooth(limited, alpha, forward: true);
        Smooth(limited, alpha, forward: false);
        Smooth(limited, alpha, forward: false);
        // Weighted means of values inside the range stay inside it; the clamp only mops up rounding.
        return limited.Select(v => Math.Clamp(v, low, high)).ToArray();
    }

    /// <summary>The window's top-left position as a share (0..1) of the room it has to move in; 0.5 when it has none.</summary>
    public double Share(double centre)
    {
        var room = FrameLength - WindowLength;
        return room <= 1e-9 ? 0.5 : Math.Clamp((centre - (WindowLength / 2)) / room, 0, 1);
    }

    private static double[] FillGaps(IReadOnlyList<double?> subject)
    {
        var result = new double[subject.Count];
        var first = subject.FirstOrDefault(v => v is not null) ?? throw new ArgumentException("no frame has a subject", nameof(subject));
        var last = first;
        for (var i = 0; i < subject.Count; i++)
        {
            last = subject[i] ?? last;
            result[i] = last;
        }
        return result;
    }

    private double[] Median(double[] values)
    {
        var half = MedianFrames / 2;
        var result = new double[values.Length];
        var window = new List<double>(MedianFrames);
        for (var i = 0; i < values.Length; i++)
        {
            window.Clear();
            for (var k = Math.Max(0, i - half); k <= Math.Min(values.Length - 1, i + half); k++)
            {
                window.Add(values[k]);
            }
            window.Sort();
            result[i] = window[window.Count / 2];
        }
        return result;
    }

    /// <summary>Dead-zone following, then every hold long enough re-centred on where the subject stood during it.</summary>
    private double[] Hold(double[] subject)
    {
        var target = new double[subject.Length];
        target[0] = subject[0];
        for (var i = 1; i < subject.Length; i++)
        {
            var off = subject[i] - target[i - 1];
            target[i] = Math.Abs(off) <= DeadZone ? target[i - 1] : subject[i] - (Math.Sign(off) * DeadZone);
        }
        var minimum = (int)Math.Ceiling(MinimumHold * Fps);
        for (var start = 0; start < target.Length;)
        {
            var end = start;
            while (end + 1 < target.Length && target[end + 1] == target[start])
            {
                end++;
            }
            if (end - start + 1 >= minimum)
            {
                var mean = subject.Skip(start).Take(end - start + 1).Average();
                for (var k = start; k <= end; k++)
                {
                    target[k] = mean;
                }
            }
            start = end + 1;
        }
        return target;
    }

    private double[] SpeedLimit(double[] target)
    {
        var step = MaxSpeed / Fps;
        var result = new double[target.Length];
        result[0] = target[0];
        for (var i = 1; i < target.Length; i++)
        {
            result[i] = result[i - 1] + Math.Clamp(target[i] - result[i - 1], -step, step);
        }
        return result;
    }

    /// <summary>One first-order pass; two in a row are a critically damped response. Starts from the end value it meets, so a still path stays still.</summary>
    private static void Smooth(double[] values, double alpha, bool forward)
    {
        var n = values.Length;
        var state = forward ? values[0] : values[n - 1];
        for (var j = 0; j < n; j++)
        {
            var i = forward ? j : n - 1 - j;
            state += alpha * (values[i] - state);
            values[i] = state;
        }
    }
}
