using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;

namespace Recut.Engines.Tests.Faces;

public sealed class FaceTrackBuilderTests
{
    private static FaceBox Face(float x, float y, float size = 40) => new(new Rect2f(x, y, size, size), 0.9f);

    [Fact]
    public void Faces_seen_on_scans_are_moved_linearly_in_between()
    {
        var builder = new FaceTrackBuilder(frameCount: 21, scanInterval: 5);
        for (var f = 0; f <= 20; f += 5)
        {
            builder.AddScan(f, [Face(100 + (2 * f), 50), Face(600 - f, 300)]);
        }
        var frames = builder.Build();
        Assert.Equal(2, builder.TrackCount);
        for (var f = 0; f <= 20; f++)
        {
            Assert.Equal(2, frames[f].Count);
            Assert.Contains(frames[f], b => Math.Abs(b.X - (100 + (2 * f))) < 1e-3 && b.Y == 50);
            Assert.Contains(frames[f], b => Math.Abs(b.X - (600 - f)) < 1e-3 && b.Y == 300);
        }
    }

    [Fact]
    public void A_missed_scan_is_bridged_but_a_face_gone_for_longer_ends_its_track()
    {
        var builder = new FaceTrackBuilder(frameCount: 60, scanInterval: 5);
        builder.AddScan(0, [Face(100, 100)]);
        builder.AddScan(5, []);
        builder.AddScan(10, [Face(110, 100)]); // missed once: the same face
        builder.AddScan(15, []);
        builder.AddScan(20, []);
        builder.AddScan(25, []);
        builder.AddScan(30, [Face(110, 100)]); // three scans later: a new track
        var frames = builder.Build();
        Assert.Equal(2, builder.TrackCount);
        Assert.Single(frames[5]);
        Assert.Equal(105, frames[5][0].X, 3);
        Assert.Single(frames[15]); // held one interval after the last sighting
        Assert.Empty(frames[20]);
        Assert.Single(frames[25]); // and one before the next first sighting
    }

    [Fact]
    public void A_face_is_covered_from_the_scan_before_it_was_first_seen_to_the_scan_after_it_was_last_seen()
    {
        var builder = new FaceTrackBuilder(frameCount: 40, scanInterval: 5);
        builder.AddScan(0, []);
        builder.AddScan(10, [Face(300, 200)]);
        builder.AddScan(15, [Face(302, 200)]);
        builder.AddScan(20, []);
        var frames = builder.Build();
        Assert.Equal(Enumerable.Range(0, 40).Select(f => f is >= 5 and <= 20 ? 1 : 0), frames.Select(f => f.Count));
    }

    [Fact]
    public void Two_faces_side_by_side_keep_their_own_tracks()
    {
        var builder = new FaceTrackBuilder(frameCount: 11, scanInterval: 5);
        builder.AddScan(0, [Face(100, 100), Face(150, 100)]);
        builder.AddScan(5, [Face(160, 100), Face(110, 100)]);
        builder.AddScan(10, [Face(120, 100), Face(170, 100)]);
        var frames = builder.Build();
        Assert.Equal(2, builder.TrackCount);
        Assert.Equal([102f, 152f], frames[1].Select(b => b.X).Order().Select(x => MathF.Round(x, 3)));
    }

    [Fact]
    public void A_face_that_changes_size_too_much_is_another_face()
    {
        var builder = new FaceTrackBuilder(frameCount: 6, scanInterval: 5);
        builder.AddScan(0, [Face(100, 100, 40)]);
        builder.AddScan(5, [Face(100, 100, 80)]);
        builder.Build();
        Assert.Equal(2, builder.TrackCount);
    }

    [Fact]
    public void One_weak_sighting_is_covered_but_does_not_confirm_a_face()
    {
        var builder = new FaceTrackBuilder(frameCount: 20, scanInterval: 5);
        builder.AddScan(0, []);
        builder.AddScan(5, [new FaceBox(new Rect2f(10, 10, 15, 15), 0.62f)]);
        builder.AddScan(10, []);
        Assert.Equal(0, builder.ConfirmedTrackCount);
        Assert.Single(builder.Build()[5]);
        builder.AddScan(15, [new FaceBox(new Rect2f(300, 10, 30, 30), 0.85f)]);
        Assert.Equal(1, builder.ConfirmedTrackCount);
    }
}
