namespace Recut.Engines.Local.Person.Faces;

/// <summary>
/// SSD anchors of MediaPipe's short-range face detector (face_detection_short_range.pbtxt: input 128,
/// strides 8,16,16,16, two anchors per layer, fixed anchor size): 16×16×2 + 8×8×6 = 896 centres, in 0..1.
/// </summary>
internal static class BlazeFaceAnchors
{
    public const int Count = 896;

    public static readonly (float X, float Y)[] Centres = Build();

    private static (float X, float Y)[] Build()
    {
        var list = new List<(float, float)>(Count);
        foreach (var (grid, perCell) in new[] { (16, 2), (8, 6) })
        {
            for (var y = 0; y < grid; y++)
            {
                for (var x = 0; x < grid; x++)
                {
                    for (var k = 0; k < perCell; k++)
                    {
                        list.Add(((x + 0.5f) / grid, (y + 0.5f) / grid));
                    }
                }
            }
        }
        return [.. list];
    }
}
