namespace Recut.Engines.Local.Plan;

/// <summary>The picture flipped horizontally (left and right swapped).</summary>
public sealed record MirrorOp : FilterOperation
{
    public override string Describe() => "mirror the picture horizontally (left and right swapped)";
}
