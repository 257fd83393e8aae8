using OpenCvSharp;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Processors;
using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;
using Recut.TestSupport;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Faces;

/// <summary>
/// The face edit end to end on a generated crowd panning past the camera (faces 20–90 px wide, where each one is
/// known): afterwards the detector finds almost none of them, while the source still shows them; pixels away from
/// the faces are untouched; a clip without faces is refused.
/// </summary>
public sealed class FaceAnonymiseRenderTests(ITestOutputHelper output, FaceAnonymiseRenderTests.CrowdClip fixture) : IClassFixture<FaceAnonymiseRenderTests.CrowdClip>
{
    private const int PanPixels = 160;
    private const double Seconds = 2;

    [Theory]
    [InlineData("给人脸打码", "pixelate")]
    [InlineData("blur everyone's face", "blur")]
    public async Task Every_face_of_the_crowd_is_covered_and_nothing_else_changes(string prompt, string mode)
    {
        var clip = await Fixture.PathAsync();
        using var run = await EngineRuns.RunEngineAsync(clip, [], prompt, factories: [FaceFrameProcessorFactory.FromOptions()]);
        Assert.Contains($"\"mode\":\"{mode}\"", run.Observer.PlanStructure, StringComparison.Ordinal);
        // Two passes, one bar: the face scan moves it through the first half, the render through the second.
        var progress = run.Observer.Progress;
        Assert.Equal(progress.Order(), progress);
        Assert.Contains(progress, p => p is > 0.1 and < 0.5);
        Assert.Contains(progress, p => p is > 0.6 and < 1);
        Assert.Equal(1, progress[^1]);
        using var detector = new FullRangeFaceDetector(FaceAssets.FullRangeModel);
        var scan = new FaceScan(detector);
        foreach (var at in new[] { 0.2, 1.0, 1.8 })
        {
            var truth = Fixture.FacesAt(at).Where(f => f.X >= 0 && f.X + f.Width <= 1280 && f.Width >= 22).ToList();
            using var before = ToMat(await FrameReader.ReadAsync(clip, at));
            using var after = ToMat(await run.FrameAsync(at));
            var beforeDetections = scan.Detect(before);
            var seenBefore = truth.Count(t => beforeDetections.Any(d => FaceNms.IoU(d.Box, t) > 0.3f));
            var afterDetections = scan.Detect(after);
            var seenAfter = truth.Count(t => afterDetections.Any(d => FaceNms.IoU(d.Box, t) > 0.3f));
            var (untouched, covered) = MeanAbsDiff(before, after, Fixture.FacesAt(at));
            output.WriteLine($"{prompt} at {at:0.0} s: {truth.Count} faces, {seenBefore} detected before, {seenAfter} after; mean |Δ| away from faces {untouched:0.00}, on them {covered:0.00}");
            Assert.True(seenBefore >= truth.Count * 0.85, $"the source should show its faces: {seenBefore}/{truth.Count}");
            Assert.True(seenAfter <= Math.Max(1, truth.Count / 20), $"{seenAfter} of {truth.Count} faces still detectable after the edit");
            // Away from the faces only the re-encode differs (the crowd's texture is hard to compress); on them, much more.
            Assert.True(untouched < 5, $"pixels away from the faces changed by {untouched:0.00} on average");
            Assert.True(covered > 3 * untouched, $"the faces changed by {covered:0.00} on average, away from them {untouched:0.00}");
        }
    }

    [Fact]
    public async Task A_clip_without_a_face_is_refused()
    {
        using var work = new TempDir("recut-noface");
        var clip = await SharedMedia.MakeClipAsync(work.File("pattern.mp4"), "testsrc2=size=640x360:rate=30,format=yuv420p", 2, withAudio: false);
        var e = await Assert.ThrowsAsync<ApiErrorException>(() =>
            EngineRuns.RunEngineAsync(clip, [], "blur the faces", factories: [FaceFrameProcessorFactory.FromOptions()]));
        Assert.Equal(ErrorCodes.NoFaceFound, e.Error.Code);
        Assert.Contains("No face was found", e.Error.Message, StringComparison.Ordinal);
    }

    private CrowdClip Fixture => fixture;

    /// <summary>Mean |before − after| away from every face's cover (with a margin), and on the faces' own boxes.</summary>
    private static (double Away, double OnFaces) MeanAbsDiff(Mat before, Mat after, IEnumerable<Rect2f> faces)
    {
        using var keep = new Mat(before.Size(), MatType.CV_8UC1, Scalar.All(255));
        using var onFaces = new Mat(before.Size(), MatType.CV_8UC1, Scalar.All(0));
        foreach (var face in faces)
        {
            Cv2.Rectangle(onFaces, new Rect((int)face.X, (int)face.Y, (int)face.Width, (int)face.Height), Scalar.All(255), -1);
            var cover = FaceAnonymiseProcessor.Cover(face);
            // The covered ellipse, with room for the tracks' interpolation and the blur's soft edge.
            Cv2.Ellipse(keep, new RotatedRect(cover.Center, new Size2f(cover.Size.Width * 1.5f + 16, cover.Size.Height * 1.5f + 16), 0), Scalar.All(0), -1);
        }
        using var diff = new Mat();
        Cv2.Absdiff(before, after, diff);
        Cv2.CvtColor(diff, diff, ColorConversionCodes.BGR2GRAY);
        return (Cv2.Mean(diff, keep).Val0, Cv2.Mean(diff, onFaces).Val0);
    }

    private static Mat ToMat(RgbFrame frame)
    {
        var mat = new Mat(frame.Height, frame.Width, MatType.CV_8UC3);
        System.Runtime.InteropServices.Marshal.Copy(frame.Rgb, 0, mat.Data, frame.Rgb.Length);
        Cv2.CvtColor(mat, mat, ColorConversionCodes.RGB2BGR);
        return mat;
    }

    /// <summary>A 1520×720 crowd panned across by a 1280×720 window over 2 s, made once for the class.</summary>
    public sealed class CrowdClip : IDisposable
    {
        private readonly TempDir _dir = new("recut-crowd");
        private readonly Lazy<Task<string>> _path;
        private IReadOnlyList<Rect2f> _faces = [];

        public CrowdClip() => _path = new(MakeAsync);

        public Task<string> PathAsync() => _path.Value;

        /// <summary>The crowd's faces in the frame shown at <paramref name="seconds"/> (the window's left edge moves linearly).</summary>
        public IEnumerable<Rect2f> FacesAt(double seconds)
        {
            var x = (float)(PanPixels * Math.Min(1, seconds / Seconds));
            return _faces.Select(f => new Rect2f(f.X - x, f.Y, f.Width, f.Height));
        }

        private async Task<string> MakeAsync()
        {
            using var crowd = FaceAssets.Crowd(1280 + PanPixels, 720, [22, 28, 36, 48, 64, 90], seed: 5);
            _faces = crowd.Faces;
            var still = _dir.File("crowd.png");
            Cv2.ImWrite(still, crowd.Frame);
            var clip = _dir.File("crowd.mp4");
            await Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(
            [
                "-hide_banner", "-v", "error", "-loop", "1", "-framerate", "30", "-i", still,
                "-vf", $"crop=1280:720:x='{PanPixels}*t/{Seconds}':y=0,format=yuv420p", "-t", Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "14", "-movflags", "+faststart", "-y", clip,
            ], new Recut.Media.Processes.ProcessRunOptions(), CancellationToken.None);
            return clip;
        }

        public void Dispose() => _dir.Dispose();
    }
}
