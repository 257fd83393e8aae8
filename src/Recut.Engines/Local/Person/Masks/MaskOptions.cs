namespace Recut.Engines.Local.Person.Masks;

/// <summary>Tuning of the person mask between the segmenter and the blend. Defaults were chosen with bench/Recut.Bench.</summary>
public sealed record MaskOptions
{
    /// <summary>Weight of the new frame when a mask pixel barely changed (small = steadier on a still subject).</summary>
    public double TemporalMinAlpha { get; init; } = 0.3;

    /// <summary>Change (0–255) from which the new frame fully wins, so a moving person does not leave a trail.</summary>
    public int MotionThreshold { get; init; } = 96;

    /// <summary>Probability (0–255) at and below which a pixel is background after edge shaping.</summary>
    public byte EdgeLow { get; init; } = 64;

    /// <summary>Probability (0–255) at and above which a pixel is person after edge shaping.</summary>
    public byte EdgeHigh { get; init; } = 192;

    /// <summary>Gaussian feather of the edge, in model pixels (one model pixel is about five output pixels at 720p).</summary>
    public double FeatherSigma { get; init; } = 0.8;

    /// <summary>
    /// Refine the mask's edge against the full frame (guided filter) and estimate the person's colour at the edge,
    /// so no old-background colour bleeds into a new background. Off: the upsampled model mask, blended as it is.
    /// </summary>
    public bool RefineEdges { get; init; } = true;

    /// <summary>
    /// Long side of the grey guide the matte is refined on (720p: 640 = a half, one guide pixel is two frame pixels).
    /// The close-up pass gives a 512×288 mask at 720p; a 320 px guide threw half of that detail away before the filter
    /// saw it (band error 19 % higher on the fixed truth clips, see docs/BENCHMARKS.md "Matte edges").
    /// </summary>
    public int EdgeGuideSide { get; init; } = 640;

    /// <summary>Guided-filter radius in frame pixels (how far an edge may move to meet the picture's edge).</summary>
    public double EdgeRadius { get; init; } = 4;

    /// <summary>Guided-filter regulariser (grey levels 0..1, squared): smaller follows weaker picture edges.</summary>
    public double EdgeEpsilon { get; init; } = 5e-4;

    /// <summary>Slope of the refined matte around one half (1 = as the filter gives it): a soft filter edge made crisper.</summary>
    public double EdgeContrast { get; init; } = 1.5;

    /// <summary>
    /// In a band of <see cref="ColourLineBand"/> guide pixels either side of the refined edge, re-estimate α from the
    /// local person and background colours (<see cref="ColourLineMatte"/>) where they differ clearly.
    /// </summary>
    public bool ColourLine { get; init; } = true;

    /// <summary>Half-width of the colour-line band, in guide pixels (720p: one guide pixel is two frame pixels).</summary>
    public int ColourLineBand { get; init; } = 3;

    /// <summary>
    /// On wide frames, run the segmenter a second time on a square crop round the person (<see cref="PersonCrop"/>) and
    /// use that close-up mask inside the crop: the wide model spends 256 columns on the whole width, so at 720p one of
    /// its pixels is five frame pixels, and most of the edge error is where it puts the edge, which refinement can
    /// move only a few pixels. Costs one more model run a frame.
    /// </summary>
    public bool PersonCrop { get; init; } = true;

    /// <summary>Margin added round the person's box on each side, as a share of its long side.</summary>
    public double PersonCropPadding { get; init; } = 0.12;

    /// <summary>Changes of the person's box (share of the crop's side) under which the crop holds still.</summary>
    public double PersonCropHold { get; init; } = 0.03;

    /// <summary>The close-up must see the person at least this much larger than the full-frame pass, or it is skipped.</summary>
    public double PersonCropMinGain { get; init; } = 1.3;

    /// <summary>
    /// While the close-up pass runs, the full-frame pass runs on one frame in this many: it only places the square and
    /// covers what lies outside it, and the close-up (256×256) costs about 1.8 times the wide pass (256×144).
    /// </summary>
    public int PersonCropFullEvery { get; init; } = 3;

    /// <summary>With the close-up pass, the mask is kept at this multiple of the full-frame model's size (the close-up is finer).</summary>
    public int PersonCropMaskScale { get; init; } = 2;

    /// <summary>
    /// Gaussian feather of the two-pass mask, in its own pixels (at 720p 2.5 frame pixels each): less than
    /// <see cref="FeatherSigma"/> gives, since the close-up edge is sharper and right more often (band SAD 0.8 → 0.5 model px: −3 % on the fixed clips).
    /// </summary>
    public double PersonCropFeatherSigma { get; init; } = 1.0;

    /// <summary>Smallest share of the frame the segmenter must call person for the frame to count as showing one.</summary>
    public double MinCoverage { get; init; } = 0.005;

    /// <summary>Smallest mean probability over the person pixels for the frame to count.</summary>
    public double MinConfidence { get; init; } = 0.6;

    /// <summary>
    /// A face must be found at least once in the clip (the selfie model also "segments" cats and cups).
    /// Off: any confident segmentation counts.
    /// </summary>
    public bool RequireFace { get; init; } = true;

    /// <summary>Minimum face detector score that confirms a person.</summary>
    public float MinFaceScore { get; init; } = 0.75f;

    /// <summary>Frames between face checks until a face has been confirmed.</summary>
    public int FaceCheckInterval { get; init; } = 6;
}
