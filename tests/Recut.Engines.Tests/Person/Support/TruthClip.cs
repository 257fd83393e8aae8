namespace Recut.Engines.Tests.Person.Support;

/// <summary>How the person moves in a truth clip.</summary>
public enum PersonMotion
{
    /// <summary>Centred and still: for the flicker figure.</summary>
    Still,

    /// <summary>Sways left and right across the frame with a slight bob.</summary>
    Sway,
}

/// <summary>
/// A clip to make: a person cut out of <see cref="Person"/> with its truth mask, over a background.
/// <see cref="Background"/> is a lavfi source name ("testsrc2", "gradients", "mandelbrot") or an image path.
/// A <see cref="PersonHeight"/> of 0 leaves the person out (a clip with nobody in it).
/// <see cref="SensorNoise"/> adds temporal noise of that strength (ffmpeg noise alls) like a real camera's.
/// </summary>
public sealed record TruthClipSpec(
    string Name,
    PersonPhoto Person,
    string Background,
    int Width,
    int Height,
    double Seconds,
    PersonMotion Motion,
    double PersonHeight = 0.85,
    int SensorNoise = 0);

/// <summary>A made clip: the H.264 video, and the truth mask as a lossless gray video of the same frames.</summary>
public sealed record TruthClip(TruthClipSpec Spec, string VideoPath, string TruthPath, int FrameCount)
{
    public int Width => Spec.Width;

    public int Height => Spec.Height;
}
