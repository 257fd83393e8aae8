using OpenCvSharp;

namespace Recut.Engines.Local.Person.Faces;

/// <summary>Where to look for a face: a square at the top of the person's bounding box.</summary>
public static class HeadRegion
{
    public static Rect Around(Rect person, Size frame)
    {
        var side = Math.Min(Math.Max(person.Width, person.Height / 2), Math.Min(frame.Width, frame.Height));
        side = Math.Min(side, Math.Max(person.Width, person.Height));
        var x = person.X + (person.Width / 2) - (side / 2);
        var y = person.Y - (side / 10);
        x = Math.Clamp(x, 0, frame.Width - side);
        y = Math.Clamp(y, 0, frame.Height - side);
        return new Rect(x, y, side, side);
    }
}
