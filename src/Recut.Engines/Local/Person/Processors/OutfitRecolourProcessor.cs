using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Outfit;
using Recut.Engines.Local.Person.Pose;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>
/// Recolours the person's clothing (person within the body's garment outline, minus skin and head) with the
/// garment colour, keeping shading — or, for a patterned garment, lays its pattern on the clothing, pinned to the
/// body (<see cref="PatternAnchor"/>) and lit by the clothing's own shading (<see cref="PatternTransfer"/>).
/// Fails when no person or no clothing region is ever found.
/// </summary>
public sealed class OutfitRecolourProcessor : PersonFrameProcessor
{
    /// <summary>Smallest share of the person's pixels that must be clothing for a frame to be recoloured.</summary>
    public const double MinClothingShare = 0.05;
    private const int DominantColourEvery = 5;
    private const double SourceStatsWeight = 0.3;
    private readonly ClothingRegionFinder _finder;
    private readonly OutfitRecolourer _recolourer = new();
    private readonly MaskSmoother _smoother;
    private readonly MaskUpsampler _upsampler = new();
    private readonly FaceTrack _face = new();
    private readonly PoseTrack _pose;
    private readonly Downscale _downscale = new();
    private readonly Mat _work = new();
    private readonly Mat _clothing = new();
    private readonly Mat _weighted = new();
    private readonly Mat _clothingSmooth = new();
    private readonly Mat _lab = new();
    private readonly PatternTransfer? _pattern;
    private readonly PatternAnchor _anchor = new();
    private ColourFamily? _source;

    /// <param name="pose">The pose model; the processor owns it from here on.</param>
    /// <param name="pattern">The garment's pattern when it is patterned (the processor owns it), else null: colour only.</param>
    public OutfitRecolourProcessor(PersonMaskTracker tracker, FrameContext context, LabStats garment, MaskOptions clothingMask, PoseLandmarker pose,
        GarmentPattern? pattern = null)
        : base(tracker, context)
    {
        Garment = garment;
        if (pattern is not null)
        {
            Pattern = pattern.Kind;
            _pattern = new PatternTransfer(pattern.Tile);
            pattern.Dispose();
        }
        _pose = new PoseTrack(pose);
        _finder = new ClothingRegionFinder(FrameSize);
        _smoother = new MaskSmoother(clothingMask);
    }

    public LabStats Garment { get; }

    /// <summary>The kind of pattern carried over; <see cref="PatternKind.None"/> for a colour change.</summary>
    public PatternKind Pattern { get; } = PatternKind.None;

    /// <summary>The pattern tile's size (reference pixels), or null for a colour change.</summary>
    public Size? PatternTileSize => _pattern?.TileSize;

    /// <summary>Where the pattern was pinned in the last frame (frame pixels), or null.</summary>
    public BodyFrame? Anchor => _anchor.Current;

    /// <summary>The last recoloured frame's blend mask at frame size (CV_8UC3, equal channels): for measuring.</summary>
    public Mat GarmentMask => _upsampler.Bgr;

    /// <summary>The body landmarks the last frame used (frame pixels), or null.</summary>
    public PoseLandmarks? Pose => _pose.Current;

    /// <summary>Frames in which a clothing region was found and recoloured.</summary>
    public int ClothingFrames { get; private set; }

    protected override string EditName => "outfit recolour";

    protected override void Edit(Mat frame, Span<byte> pixels, int frameIndex)
    {
        if (!Tracker.LastFrameShowsPerson)
        {
            return;
        }
        _downscale.To(frame, _work, _finder.WorkSize);
        var face = TrackFace(frame, frameIndex);
        _pose.Update(frame, frameIndex, _face.Box);
        var share = _finder.Find(_work, Tracker.Mask, face, _pose.Current, _clothing);
        if (share < MinClothingShare || UpdateSourceColour() is not { } source)
        {
            return;
        }
        ClothingFrames++;
        ColourMembership.Weigh(_work, _clothing, source, _lab, _weighted);
        _smoother.Smooth(_weighted, _clothingSmooth);
        var recoloured = Render(frame, source);
        var mask = _upsampler.UpsampleBgr(_clothingSmooth, FrameSize);
        Blend.Composite(recoloured, pixels, mask.AsSpan<byte>());
        recoloured.CopyTo(pixels);
    }

    private Span<byte> Render(Mat frame, ColourFamily source)
    {
        if (_pattern is not null && _anchor.Update(_pose.Current, ClothingBox()) is { } body)
        {
            _pattern.Render(frame, body, source.Main.CentreL);
            return _pattern.Result.AsSpan<byte>();
        }
        _recolourer.Recolour(frame, source.Main, Garment);
        return _recolourer.Recoloured.AsSpan<byte>();
    }

    /// <summary>The clothing region's box in frame pixels: the pattern's anchor when no pose is known.</summary>
    private Rect ClothingBox()
    {
        var box = Cv2.BoundingRect(_clothing);
        var s = 1 / _finder.Scale;
        return new Rect((int)(box.X * s), (int)(box.Y * s), (int)(box.Width * s), (int)(box.Height * s));
    }

    /// <summary>The clothing's main colour, re-measured every few frames and smoothed over time.</summary>
    private ColourFamily? UpdateSourceColour()
    {
        if (_source is not null && ClothingFrames % DominantColourEvery != 0)
        {
            return _source;
        }
        if (DominantColour.Find(_work, _clothing) is { } measured)
        {
            // The main statistics are smoothed (the transfer must not pump); the shades are simply the latest.
            _source = _source is { } previous ? measured with { Main = previous.Main.Toward(measured.Main, SourceStatsWeight) } : measured;
        }
        return _source;
    }

    /// <summary>The face box in work pixels (detected every few frames, held in between); teaches the skin model.</summary>
    private Rect? TrackFace(Mat frame, int frameIndex)
    {
        if (_face.IsDue(frameIndex) && Tracker.Faces is { } detector)
        {
            FaceBox? found = null;
            if (Tracker.PersonBounds(FrameSize) is { } person)
            {
                found = detector.DetectBest(frame, HeadRegion.Around(person, FrameSize));
            }
            _face.Update(frameIndex, found);
            if (found is { } f)
            {
                Tracker.Presence.RecordFace(f.Score);
                _finder.Skin.LearnFromFace(_work, ToWork(f.Box));
            }
        }
        return _face.Box is { } box ? ToWork(box) : null;
    }

    private Rect ToWork(Rect2f box) => new(
        (int)Math.Round(box.X * _finder.Scale), (int)Math.Round(box.Y * _finder.Scale),
        (int)Math.Round(box.Width * _finder.Scale), (int)Math.Round(box.Height * _finder.Scale));

    public override void Complete()
    {
        base.Complete();
        if (ClothingFrames == 0)
        {
            throw new ApiErrorException(ErrorCodes.UnsupportedEdit,
                "No clothing region was found on the person (after taking out skin and the head), so the outfit cannot be recoloured.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _finder.Dispose();
            _recolourer.Dispose();
            _smoother.Dispose();
            _upsampler.Dispose();
            _downscale.Dispose();
            _work.Dispose();
            _clothing.Dispose();
            _weighted.Dispose();
            _clothingSmooth.Dispose();
            _lab.Dispose();
            _pose.Dispose();
            _pattern?.Dispose();
        }
        base.Dispose(disposing);
    }
}
