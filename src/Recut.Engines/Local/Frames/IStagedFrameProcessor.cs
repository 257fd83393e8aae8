namespace Recut.Engines.Local.Frames;

/// <summary>
/// A frame processor whose work splits into an analysis that only reads the frame (a model pass) and an edit that
/// uses that frame's analysis. The renderer may then run the analysis of frame n + 1 while the edit of frame n runs,
/// so one task's model and compositing work use both cores instead of taking turns on one.
/// </summary>
/// <remarks>
/// The contract the renderer keeps: <see cref="Analyse"/> calls come in frame order, <see cref="Apply"/> calls too;
/// <c>Apply(n)</c> starts only after <c>Analyse(n)</c> returned; at most one analysis and one edit run at a time, and
/// <c>Analyse(n + 1)</c> may overlap <c>Apply(n)</c> but never starts before <c>Apply(n − 1)</c> returned — so an
/// implementation keeps two frames' analyses (by frame parity, say).
/// <see cref="IFrameProcessor.Process"/> stays the plain analyse-then-apply of one frame.
/// </remarks>
public interface IStagedFrameProcessor : IFrameProcessor
{
    /// <summary>Reads frame <paramref name="frameIndex"/> (packed BGR24) and keeps what its edit will need.</summary>
    void Analyse(ReadOnlySpan<byte> bgr, int frameIndex);

    /// <summary>Edits frame <paramref name="frameIndex"/> in place with the analysis <see cref="Analyse"/> kept for it.</summary>
    void Apply(Span<byte> bgr, int frameIndex);
}
