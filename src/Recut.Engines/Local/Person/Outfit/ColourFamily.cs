using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>A garment's main colour statistics and the Lab centres (8-bit OpenCV Lab) of its shades in light and shadow.</summary>
public sealed record ColourFamily(LabStats Main, IReadOnlyList<Vec3f> Shades);
