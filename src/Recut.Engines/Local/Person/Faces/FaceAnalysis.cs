using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Imaging;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Person.Faces;

/// <summary>
/// The pass before a face edit renders: the clip decoded once (<see cref="IFrameSource"/>), every
/// <see cref="ScanInterval"/>-th frame scanned whole for faces (<see cref="FaceScan"/>) by two detectors side by side
/// — the scans are independent, so both cores work — and the sightings joined into per-frame boxes
/// (<see cref="FaceTrackBuilder"/>). A clip in which no face was surely seen is refused: blurring nothing is not a success.
/// </summary>
public static class FaceAnalysis
{
    /// <summary>Frames between scans: 5 at 30 fps is six scans a second, each face tracked linearly in between.</summary>
    public const int ScanInterval = 5;

    /// <summary>
    /// Every other scan also looks for the smallest faces (<see cref="FaceScan"/>'s fine squares): a face 20–40 px wide
    /// is far away and moves few pixels in a third of a second, and the tracks bridge the scans between.
    /// </summary>
    public static bool IsFineScan(int frameIndex) => frameIndex % (2 * ScanInterval) == 0;

    public static async Task<IReadOnlyList<Rect2f>[]> FindFacesAsync(IFrameSource source, int width, int height, string modelPath,
        CancellationToken ct, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(source);
        var frameBytes = checked(width * height * 3);
        var queue = Channel.CreateBounded<(int Index, byte[] Bgr)>(new BoundedChannelOptions(workers * 2) { SingleWriter = true });
        var found = new ConcurrentDictionary<int, List<FaceBox>>();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var scanners = Enumerable.Range(0, workers).Select(_ => Task.Run(() => ScanAsync(queue.Reader, width, height, modelPath, found, failed.Token), failed.Token)).ToList();
        try
        {
            // Only the scanned frames are converted and copied; the rest are decoded to keep the count.
            await source.ReadAllAsync(async (bgr, index, token) =>
            {
                var copy = ArrayPool<byte>.Shared.Rent(frameBytes);
                bgr.Span.CopyTo(copy);
                await queue.Writer.WriteAsync((index, copy), token).ConfigureAwait(false);
            }, failed.Token, index => index % ScanInterval == 0).ConfigureAwait(false);
            queue.Writer.TryComplete();
            await Task.WhenAll(scanners).ConfigureAwait(false);
        }
        catch
        {
            queue.Writer.TryComplete();
            await failed.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(scanners).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                // stopped because the decode failed; that failure is the one to report
            }
            throw;
        }
        // Held for a whole fine-scan period at either end: a small face first seen on a fine scan may have been there since the last one.
        var builder = new FaceTrackBuilder(Math.Max(source.Decoded, source.ExpectedFrames), ScanInterval, holdFrames: 2 * ScanInterval);
        foreach (var (index, faces) in found.OrderBy(p => p.Key))
        {
            builder.AddScan(index, faces);
        }
        if (builder.ConfirmedTrackCount == 0)
        {
            throw new ApiErrorException(ErrorCodes.NoFaceFound,
                $"No face was found in the video ({found.Count} frames scanned across the clip), so there is nothing to blur or pixelate; the video was not changed.");
        }
        return builder.Build();
    }

    private static async Task ScanAsync(ChannelReader<(int Index, byte[] Bgr)> queue, int width, int height, string modelPath,
        ConcurrentDictionary<int, List<FaceBox>> found, CancellationToken ct)
    {
        using var detector = new FullRangeFaceDetector(modelPath);
        var scan = new FaceScan(detector);
        await foreach (var (index, bgr) in queue.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                found[index] = Scan(scan, bgr, width, height, IsFineScan(index));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bgr);
            }
        }
    }

    private static unsafe List<FaceBox> Scan(FaceScan scan, byte[] bgr, int width, int height, bool fine)
    {
        fixed (byte* pixels = bgr)
        {
            using var frame = FrameMat.Wrap(pixels, width, height);
            return scan.Detect(frame, fine);
        }
    }
}
