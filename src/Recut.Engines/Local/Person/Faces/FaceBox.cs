using OpenCvSharp;

namespace Recut.Engines.Local.Person.Faces;

/// <summary>A detected face in frame pixels, with the detector's score (0..1).</summary>
public readonly record struct FaceBox(Rect2f Box, float Score)
{
    public Rect ToRect() => new((int)MathF.Round(Box.X), (int)MathF.Round(Box.Y), (int)MathF.Round(Box.Width), (int)MathF.Round(Box.Height));
}
