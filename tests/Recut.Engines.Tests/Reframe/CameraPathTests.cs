using Recut.Engines.Local.Reframing;

namespace Recut.Engines.Tests.Reframe;

/// <summary>The camera path: eased pans of bounded speed and acceleration, a still camera on jitter, never outside the frame.</summary>
public sealed class CameraPathTests
{
    // A 16:9 source 1280 wide, a 9:16 window 405 wide: the window's centre may go from 202.5 to 1077.5.
    private static readonly CameraPath Camera = new(frameLength: 1280, windowLength: 405, fps: 30);

    private static double[] Velocity(double[] path) => path.Zip(path.Skip(1), (a, b) => (b - a) * Camera.Fps).ToArray();

    [Fact]
    public void A_step_gives_an_eased_pan_with_bounded_speed_and_acceleration_and_no_overshoot()
    {
        // Subject at 400 for 2 s, then at 900 for 3 s.
        var subject = Enumerable.Range(0, 150).Select(k => (double?)(k < 60 ? 400 : 900)).ToList();
        var path = Camera.Solve(subject);

        var v = Velocity(path);
        var a = v.Zip(v.Skip(1), (p, q) => (q - p) * Camera.Fps).ToArray();
        Assert.True(v.Max(Math.Abs) <= Camera.MaxSpeed + 1e-6, $"speed {v.Max(Math.Abs):0} > {Camera.MaxSpeed:0}");
        Assert.True(a.Max(Math.Abs) <= Camera.MaxAcceleration + 1e-6, $"acceleration {a.Max(Math.Abs):0} > {Camera.MaxAcceleration:0}");
        // Monotone (no overshoot back) and never past the new position.
        Assert.All(v, x => Assert.True(x >= -1e-9, $"moved backwards at {x}"));
        Assert.True(path.Max() <= 900 + 1e-6);
        // Still a second before the step (the smoothing looks ahead, so the pan starts a little before the subject moves) and
        // settled on the subject well before the end.
        Assert.InRange(path[0..30].Max() - path[0..30].Min(), 0, 1);
        Assert.InRange(path[^1], 895, 900 + 1e-6);
        // Eased: it starts slowly (the first frame of motion is far below the top speed) rather than jumping.
        var firstMove = Array.FindIndex(v, x => x > 1);
        Assert.True(firstMove >= 0 && v[firstMove] < Camera.MaxSpeed / 4, $"starts at {v[firstMove]:0} px/s");
        // The pan takes a while, like a camera operator's, not a cut.
        Assert.True(v.Count(x => x > 1) >= 15, $"pan over {v.Count(x => x > 1)} frames");
    }

    [Fact]
    public void Jitter_inside_the_dead_zone_gives_a_still_camera()
    {
        var random = new Random(7);
        var n = (int)Math.Floor(Camera.DeadZone * 0.8);
        var subject = Enumerable.Range(0, 150).Select(_ => (double?)(640 + random.Next(-n, n + 1))).ToList();
        var path = Camera.Solve(subject);
        Assert.InRange(path.Max() - path.Min(), 0, 1e-6);
        Assert.InRange(path[0], 640 - n, 640 + n);
    }

    [Fact]
    public void A_subject_at_the_edge_keeps_the_window_inside_the_frame()
    {
        var subject = Enumerable.Range(0, 120).Select(k => (double?)(k % 40 < 20 ? -200 : 1500)).ToList();
        var path = Camera.Solve(subject);
        var (low, high) = Camera.Range;
        Assert.All(path, c => Assert.InRange(c, low - 1e-9, high + 1e-9));
        Assert.All(path, c => Assert.InRange(Camera.Share(c), 0, 1));
    }

    [Fact]
    public void A_subject_missing_for_a_while_is_waited_for_where_last_seen()
    {
        var subject = Enumerable.Range(0, 120).Select(k => k is >= 40 and < 80 ? null : (double?)(k < 40 ? 500 : 520)).ToList();
        var path = Camera.Solve(subject);
        Assert.All(path, c => Assert.InRange(c, 499, 521));
    }

    [Fact]
    public void A_steady_walk_is_followed_smoothly_and_the_subject_stays_inside_the_window()
    {
        // 150 px/s across the frame, well under the top speed.
        var subject = Enumerable.Range(0, 150).Select(k => (double?)(250 + (k * 150.0 / 30))).ToList();
        var path = Camera.Solve(subject);
        for (var k = 0; k < path.Length; k++)
        {
            Assert.InRange(subject[k]!.Value - path[k], -Camera.WindowLength / 2, Camera.WindowLength / 2);
        }
        var v = Velocity(path);
        Assert.True(v.Max(Math.Abs) <= Camera.MaxSpeed + 1e-6);
    }

    [Fact]
    public void Commands_are_written_only_when_the_window_moves()
    {
        var text = ReframeFilters.Commands(Local.Plan.ReframeAxis.Horizontal, [0.5, 0.5, 0.5, 0.6, 0.6], 30);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["0 crop@reframe x (iw-ow)*0.50000;", "0.1 crop@reframe x (iw-ow)*0.60000;"], lines);
    }
}
