using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;

namespace Recut.Engines.Tests.Faces;

/// <summary>
/// A generated crowd: the two public-domain portraits of tests/media pasted many times over a textured background,
/// in rows that shrink toward the top like people standing further away, some mirrored, some darker or lighter. Where
/// each face is, is known exactly (the portrait's own face box, found once at full size, moved with the paste), so
/// recall can be counted. Deterministic for a seed. Shared with the bench's faces mode (linked into it).
/// </summary>
public sealed class CrowdScene : IDisposable
{
    private CrowdScene(Mat frame, IReadOnlyList<Rect2f> faces)
    {
        Frame = frame;
        Faces = faces;
    }

    public Mat Frame { get; }

    /// <summary>Where each pasted face is, in frame pixels.</summary>
    public IReadOnlyList<Rect2f> Faces { get; }

    /// <param name="faceWidths">Face widths in pixels, one row of the crowd each, top (far) row first.</param>
    /// <param name="photos">Portrait photographs (one face each) to paste.</param>
    /// <param name="faceModelPath">The full-range face model, which finds each portrait's face once at full size.</param>
    public static CrowdScene Build(int width, int height, IReadOnlyList<int> faceWidths, int seed, IReadOnlyList<string> photos, string faceModelPath)
    {
        var random = new Random(seed);
        var frame = Background(width, height, random);
        var faces = new List<Rect2f>();
        var portraits = Portraits(photos, faceModelPath);
        try
        {
            var rowTop = height * 0.08;
            foreach (var faceWidth in faceWidths)
            {
                var x = width * 0.02 + random.Next(faceWidth);
                double rowHeight = 0;
                while (true)
                {
                    var (photo, face) = portraits[random.Next(portraits.Count)];
                    // The head and shoulders around the face: 2.2 face widths wide, from a half face above to 1.6 below.
                    var crop = new Rect2f(face.X - (face.Width * 0.6f), face.Y - (face.Height * 0.5f), face.Width * 2.2f, face.Height * 2.6f);
                    var cropRect = ToRect(crop).Intersect(new Rect(0, 0, photo.Width, photo.Height));
                    var scale = faceWidth / (double)face.Width;
                    var w = (int)Math.Round(cropRect.Width * scale);
                    var h = (int)Math.Round(cropRect.Height * scale);
                    if (x + w > width * 0.98)
                    {
                        break;
                    }
                    var y = (int)Math.Round(rowTop + random.Next(Math.Max(1, faceWidth / 3)));
                    if (y + h > height)
                    {
                        break;
                    }
                    using var part = new Mat(photo, cropRect);
                    using var scaled = new Mat();
                    Cv2.Resize(part, scaled, new Size(w, h), 0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Cubic);
                    var mirrored = random.Next(2) == 0;
                    if (mirrored)
                    {
                        Cv2.Flip(scaled, scaled, FlipMode.Y);
                    }
                    scaled.ConvertTo(scaled, -1, 0.75 + (random.NextDouble() * 0.4), random.Next(-20, 20));
                    scaled.CopyTo(new Mat(frame, new Rect((int)x, y, w, h)));
                    var fx = (face.X - cropRect.X) * scale;
                    if (mirrored)
                    {
                        fx = w - fx - (face.Width * scale);
                    }
                    faces.Add(new Rect2f((float)(x + fx), (float)(y + ((face.Y - cropRect.Y) * scale)), (float)(face.Width * scale), (float)(face.Height * scale)));
                    x += w * (0.95 + (random.NextDouble() * 0.3));
                    rowHeight = Math.Max(rowHeight, h);
                }
                rowTop += rowHeight * 0.55; // the next, nearer row stands in front, covering shoulders, not faces
            }
        }
        finally
        {
            foreach (var (photo, _) in portraits)
            {
                photo.Dispose();
            }
        }
        return new CrowdScene(frame, faces);
    }

    private static Rect ToRect(Rect2f r) => new((int)r.X, (int)r.Y, (int)Math.Ceiling(r.Width), (int)Math.Ceiling(r.Height));

    /// <summary>The portraits and their face boxes, found by the full-range detector on the whole photo.</summary>
    private static List<(Mat Photo, Rect2f Face)> Portraits(IReadOnlyList<string> photos, string faceModelPath)
    {
        using var detector = new FullRangeFaceDetector(faceModelPath);
        var list = new List<(Mat, Rect2f)>();
        foreach (var path in photos)
        {
            var photo = Cv2.ImRead(path);
            var face = detector.Detect(photo, new Rect(0, 0, photo.Width, photo.Height)).OrderByDescending(f => f.Score).First();
            list.Add((photo, face.Box));
        }
        return list;
    }

    private static Mat Background(int width, int height, Random random)
    {
        // Coarse noise blurred into blotches: a busy street-like texture with no faces in it.
        using var noise = new Mat(height / 8, width / 8, MatType.CV_8UC3);
        var bytes = new byte[noise.Rows * noise.Cols * 3];
        random.NextBytes(bytes);
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, noise.Data, bytes.Length);
        var frame = new Mat();
        Cv2.Resize(noise, frame, new Size(width, height), 0, 0, InterpolationFlags.Cubic);
        Cv2.GaussianBlur(frame, frame, new Size(0, 0), 3);
        return frame;
    }

    public void Dispose() => Frame.Dispose();
}
