using OpenCvSharp;

namespace Recut.Engines.Local.Person.Faces;

/// <summary>
/// Faces found on scanned frames (every few frames) joined into tracks and spread over every frame: a face is moved
/// linearly between the scans that saw it, bridged over a scan or two that missed it, and held for a while (one scan
/// interval unless told) before its first and after its last sighting, so a face that walks in between two scans is
/// covered from the scan before. Built offline after the whole clip was scanned, which is what lets coverage run backwards in time.
/// Favours covering too much over too little: a single sighting is kept, never dropped as noise.
/// </summary>
/// <param name="holdFrames">How long a face is covered before its first and after its last sighting; default one scan interval.</param>
public sealed class FaceTrackBuilder(int frameCount, int scanInterval, int? holdFrames = null)
{
    private readonly int _hold = holdFrames ?? scanInterval;

    /// <summary>Scans in a row a track may miss and still be the same face.</summary>
    public const int MaxMissedScans = 2;

    /// <summary>A face seen once at least this sure is a face, not a passing likeness (MediaPipe's threshold is 0.6).</summary>
    public const float SureScore = 0.8f;

    private readonly List<List<(int Frame, Rect2f Box)>> _tracks = [];
    private readonly Dictionary<List<(int Frame, Rect2f Box)>, float> _bestScore = [];

    public int TrackCount => _tracks.Count;

    /// <summary>
    /// Tracks that are surely faces: seen on two scans or more, or once with a score of <see cref="SureScore"/>. Every
    /// track is covered, but only these make the clip one with faces in it — a single weak sighting in a test pattern
    /// must not turn "no face here" into a success.
    /// </summary>
    public int ConfirmedTrackCount => _tracks.Count(t => t.Count >= 2 || _bestScore[t] >= SureScore);

    /// <summary>Adds one scanned frame's faces; frames must come in increasing order.</summary>
    public void AddScan(int frame, IReadOnlyList<FaceBox> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        var open = _tracks.Where(t => frame - t[^1].Frame <= (MaxMissedScans + 1) * scanInterval && t[^1].Frame < frame).ToList();
        // Greedy, best pairs first: a crowd has many faces close together, so the nearest unclaimed track wins.
        var pairs = new List<(float Cost, int Face, List<(int, Rect2f)> Track)>();
        for (var i = 0; i < faces.Count; i++)
        {
            foreach (var track in open)
            {
                if (Cost(track[^1].Box, faces[i].Box) is { } cost)
                {
                    pairs.Add((cost, i, track));
                }
            }
        }
        var taken = new HashSet<int>();
        var claimed = new HashSet<List<(int, Rect2f)>>();
        foreach (var (_, face, track) in pairs.OrderBy(p => p.Cost))
        {
            if (!taken.Contains(face) && claimed.Add(track))
            {
                taken.Add(face);
                track.Add((frame, faces[face].Box));
                _bestScore[track] = Math.Max(_bestScore[track], faces[face].Score);
            }
        }
        for (var i = 0; i < faces.Count; i++)
        {
            if (!taken.Contains(i))
            {
                List<(int Frame, Rect2f Box)> track = [(frame, faces[i].Box)];
                _tracks.Add(track);
                _bestScore[track] = faces[i].Score;
            }
        }
    }

    /// <summary>Each frame's face boxes (as detected, not yet enlarged), frame 0 to frameCount − 1.</summary>
    public IReadOnlyList<Rect2f>[] Build()
    {
        var frames = new List<Rect2f>[frameCount];
        for (var f = 0; f < frameCount; f++)
        {
            frames[f] = [];
        }
        foreach (var track in _tracks)
        {
            var first = Math.Max(0, track[0].Frame - _hold);
            var last = Math.Min(frameCount - 1, track[^1].Frame + _hold);
            var k = 0;
            for (var f = first; f <= last; f++)
            {
                while (k + 1 < track.Count && track[k + 1].Frame <= f)
                {
                    k++;
                }
                frames[f].Add(At(track, k, f));
            }
        }
        return frames;
    }

    /// <summary>The box at frame <paramref name="f"/>: between sightings k and k + 1 moved linearly; outside them held.</summary>
    private static Rect2f At(List<(int Frame, Rect2f Box)> track, int k, int f)
    {
        var (f0, a) = track[k];
        if (f <= f0 || k + 1 >= track.Count)
        {
            return a;
        }
        var (f1, b) = track[k + 1];
        var t = (float)(f - f0) / (f1 - f0);
        return new Rect2f(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t), a.Width + ((b.Width - a.Width) * t), a.Height + ((b.Height - a.Height) * t));
    }

    /// <summary>How far apart two sightings are (centre distance over face size), or null when they cannot be one face.</summary>
    private static float? Cost(Rect2f last, Rect2f next)
    {
        var size = Math.Max(Math.Max(last.Width, last.Height), 1);
        var ratio = next.Width / Math.Max(last.Width, 1);
        if (ratio is < 0.6f or > 1.6f)
        {
            return null;
        }
        var dx = (next.X + (next.Width / 2)) - (last.X + (last.Width / 2));
        var dy = (next.Y + (next.Height / 2)) - (last.Y + (last.Height / 2));
        var distance = MathF.Sqrt((dx * dx) + (dy * dy)) / size;
        return distance <= 0.8f ? distance : null;
    }
}
