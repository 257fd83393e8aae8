using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>
/// Shared frame loop of the person edits: wrap the frame in place, track the person mask, apply the edit;
/// at the end fail with <see cref="ErrorCodes.NoPersonFound"/> when the clip never showed a person.
/// </summary>
public abstract class PersonFrameProcessor : IFrameProcessor
{
    private bool _disposed;

    protected PersonFrameProcessor(PersonMaskTracker tracker, FrameContext context)
    {
        Tracker = tracker ?? throw new ArgumentNullException(nameof(tracker));
        Context = context ?? throw new ArgumentNullException(nameof(context));
        FrameSize = new Size(context.Width, context.Height);
    }

    protected PersonMaskTracker Tracker { get; }

    protected FrameContext Context { get; }

    protected Size FrameSize { get; }

    /// <summary>What the edit is called in error messages ("background replacement").</summary>
    protected abstract string EditName { get; }

    public void Process(Span<byte> bgr, int frameIndex)
    {
        Analyse(bgr, frameIndex);
        Apply(bgr, frameIndex);
    }

    /// <summary>Tracks the person in the frame (the model passes), then lets a derived processor keep what its edit needs.</summary>
    public unsafe void Analyse(ReadOnlySpan<byte> bgr, int frameIndex)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FrameMat.CheckLength(bgr.Length, FrameSize.Width, FrameSize.Height);
        fixed (byte* pixels = bgr)
        {
            // Read only: the tracker never writes into the frame it is shown.
            using var frame = FrameMat.Wrap(pixels, FrameSize.Width, FrameSize.Height);
            Tracker.Track(frame, frameIndex);
        }
        Keep(frameIndex);
    }

    /// <summary>Applies the edit to the frame with what <see cref="Analyse"/> kept for it.</summary>
    public unsafe void Apply(Span<byte> bgr, int frameIndex)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FrameMat.CheckLength(bgr.Length, FrameSize.Width, FrameSize.Height);
        fixed (byte* pixels = bgr)
        {
            using var frame = FrameMat.Wrap(pixels, FrameSize.Width, FrameSize.Height);
            Edit(frame, bgr, frameIndex);
        }
    }

    /// <summary>
    /// Called after the tracker saw frame <paramref name="frameIndex"/>: a processor whose analysis may run a frame ahead
    /// of its edit (<see cref="IStagedFrameProcessor"/>) copies the tracker's per-frame state here.
    /// </summary>
    protected virtual void Keep(int frameIndex)
    {
    }

    /// <summary>Changes the frame in place; <paramref name="frame"/> and <paramref name="pixels"/> are the same memory.</summary>
    protected abstract void Edit(Mat frame, Span<byte> pixels, int frameIndex);

    public virtual void Complete()
    {
        if (!Tracker.Presence.PersonFound)
        {
            throw new ApiErrorException(ErrorCodes.NoPersonFound,
                $"No person was found in the video, so the {EditName} cannot be done ({Tracker.Presence.Explain()}).");
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Derived processors free their buffers, then call this, which frees the tracker and its models.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            Tracker.Dispose();
        }
        _disposed = true;
    }
}
