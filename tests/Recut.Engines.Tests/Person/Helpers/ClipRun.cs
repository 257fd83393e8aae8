using Recut.Engines.Local.Frames;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Engines.Tests.Person.Helpers;

/// <summary>Feeds a truth clip through a frame processor, handing each frame's before, after and truth to a check.</summary>
public static class ClipRun
{
    public delegate void FrameCheck(ReadOnlySpan<byte> before, ReadOnlySpan<byte> after, ReadOnlySpan<byte> truth, int index);

    /// <summary>Runs every frame, then <see cref="IFrameProcessor.Complete"/>; returns the frame count.</summary>
    public static async Task<int> RunAsync(TruthClip clip, IFrameProcessor processor, FrameCheck? check = null)
    {
        var before = new byte[clip.Width * clip.Height * 3];
        var frames = await TruthFrameReader.ReadAsync(clip, (bgr, truth, index) =>
        {
            bgr.CopyTo(before);
            processor.Process(bgr, index);
            check?.Invoke(before, bgr, truth, index);
        });
        processor.Complete();
        return frames;
    }
}
