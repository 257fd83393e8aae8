namespace Recut.Engines.Local.Plan;

/// <summary>How faces are made unrecognisable.</summary>
public enum FaceAnonymiseStyle { Blur, Pixelate }

/// <summary>Every face in the clip, near or far, found and tracked, then blurred or pixelated in every frame it shows in.</summary>
public sealed record FaceAnonymiseOp(FaceAnonymiseStyle Style) : FrameOperation
{
    public override string Describe() => Style == FaceAnonymiseStyle.Pixelate
        ? "find every face in the clip, near or far, track it, and pixelate it in every frame it shows in (a coarse mosaic, about 5 blocks across the face)"
        : "find every face in the clip, near or far, track it, and blur it beyond recognition in every frame it shows in";
}
