using OpenCvSharp;
using Recut.Engines.Local.Frames;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>Feeds one photo as a still clip to a frame processor and keeps the last frame out.</summary>
public static class StillRun
{
    /// <summary>Runs <paramref name="frames"/> copies of <paramref name="photo"/>; returns the last output (caller disposes).</summary>
    public static Mat Run(Mat photo, IFrameProcessor processor, int frames)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(processor);
        var buffer = new byte[photo.Width * photo.Height * 3];
        using var continuous = photo.Clone();
        for (var i = 0; i < frames; i++)
        {
            continuous.AsSpan<byte>().CopyTo(buffer);
            processor.Process(buffer, i);
        }
        processor.Complete();
        return Mat.FromPixelData(photo.Height, photo.Width, MatType.CV_8UC3, buffer).Clone();
    }
}
