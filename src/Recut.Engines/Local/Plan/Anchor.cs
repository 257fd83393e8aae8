namespace Recut.Engines.Local.Plan;

/// <summary>Where an overlay sits in the frame: the nine positions of a 3×3 grid.</summary>
public enum Anchor
{
    TopLeft,
    TopCenter,
    TopRight,
    MiddleLeft,
    Center,
    MiddleRight,
    BottomLeft,
    BottomCenter,
    BottomRight,
}

public static class AnchorExtensions
{
    /// <summary>-1 left, 0 centre, 1 right.</summary>
    public static int Column(this Anchor anchor) => ((int)anchor % 3) - 1;

    /// <summary>-1 top, 0 middle, 1 bottom.</summary>
    public static int Row(this Anchor anchor) => ((int)anchor / 3) - 1;

    public static Anchor FromGrid(int row, int column) => (Anchor)(((row + 1) * 3) + column + 1);

    /// <summary>Plain words, e.g. "the top-right corner", "the centre", "the top edge".</summary>
    public static string Describe(this Anchor anchor) => anchor switch
    {
        Anchor.TopLeft => "the top-left corner",
        Anchor.TopCenter => "the top centre",
        Anchor.TopRight => "the top-right corner",
        Anchor.MiddleLeft => "the middle of the left edge",
        Anchor.Center => "the centre",
        Anchor.MiddleRight => "the middle of the right edge",
        Anchor.BottomLeft => "the bottom-left corner",
        Anchor.BottomCenter => "the bottom centre",
        Anchor.BottomRight => "the bottom-right corner",
        _ => throw new ArgumentOutOfRangeException(nameof(anchor)),
    };
}
