using System.Diagnostics;
using Recut.Media.Processes;

namespace Recut.Media.Tests.Processes;

public sealed class ProcessRunnerTests
{
    // Raw 640x360 frames for a minute: far more than a pipe buffer, so ffmpeg blocks unless someone reads.
    private static readonly string[] EndlessRawVideo =
    [
        "-hide_banner", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
        "-t", "60", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
    ];

    [Fact]
    public async Task Wide_pipes_give_the_raw_frame_pipes_a_mebibyte_and_plain_runs_keep_the_default()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // F_SETPIPE_SZ is Linux's
        }
        int? wide = null, plain = null;
        await ProcessRunner.Ffmpeg.RunAsync(["-hide_banner", "-version"], new ProcessRunOptions
        {
            WidePipes = true,
            ReadStdout = async (s, ct) =>
            {
                wide = PipeCapacity.Capacity(s);
                await s.CopyToAsync(Stream.Null, ct);
            },
        }, CancellationToken.None);
        await ProcessRunner.Ffmpeg.RunAsync(["-hide_banner", "-version"], new ProcessRunOptions
        {
            ReadStdout = async (s, ct) =>
            {
                plain = PipeCapacity.Capacity(s);
                await s.CopyToAsync(Stream.Null, ct);
            },
        }, CancellationToken.None);

        Assert.Equal(PipeCapacity.Wide, wide);
        Assert.Equal(64 * 1024, plain);
    }

    [Fact]
    public async Task A_failing_stdout_reader_stops_ffmpeg_at_once_and_surfaces_its_own_error()
    {
        var clock = Stopwatch.StartNew();
        var run = ProcessRunner.Ffmpeg.RunAsync(EndlessRawVideo, new ProcessRunOptions
        {
            Timeout = TimeSpan.FromSeconds(60),
            ReadStdout = async (s, ct) =>
            {
                var buffer = new byte[640 * 360 * 3];
                await s.ReadExactlyAsync(buffer, ct);
                throw new InvalidDataException("frame reader gave up");
            },
        }, CancellationToken.None);

        // Well under the 60 s the input lasts (and the run's own timeout), with room for a loaded machine.
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(40)));

        Assert.Same(run, finished);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => run);
        Assert.Equal("frame reader gave up", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Cancellation_stops_ffmpeg_and_throws_operation_canceled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProcessRunner.Ffmpeg.RunAsync(EndlessRawVideo, new ProcessRunOptions
        {
            ReadStdout = (s, ct) => s.CopyToAsync(Stream.Null, ct),
        }, cts.Token));
        // Well under the 60 s the input lasts, with room for a loaded machine's slow process start.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_timeout_is_reported_as_timed_out()
    {
        var e = await Assert.ThrowsAsync<FfmpegException>(() => ProcessRunner.Ffmpeg.RunAsync(EndlessRawVideo, new ProcessRunOptions
        {
            Timeout = TimeSpan.FromMilliseconds(500),
            ReadStdout = (s, ct) => s.CopyToAsync(Stream.Null, ct),
        }, CancellationToken.None));
        Assert.True(e.TimedOut);
    }

    [Fact]
    public async Task A_bad_argument_is_an_ffmpeg_error_with_exit_code_and_stderr()
    {
        var e = await Assert.ThrowsAsync<FfmpegException>(() =>
            ProcessRunner.Ffmpeg.RunAsync(["-v", "error", "-i", "/nonexistent/input.mp4", "-f", "null", "-"], new ProcessRunOptions(), CancellationToken.None));
        Assert.NotEqual(0, e.ExitCode);
        Assert.Contains("No such file", e.StderrTail);
        Assert.Contains("/nonexistent/input.mp4", e.CommandLine);
    }

    [Fact]
    public async Task A_memory_cap_stops_a_tool_that_needs_more_and_leaves_normal_runs_alone()
    {
        var tight = new ProcessRunner("ffmpeg", 64L * 1024 * 1024);
        var args = new[] { "-hide_banner", "-nostdin", "-f", "lavfi", "-i", "testsrc2=s=1920x1080:d=1", "-c:v", "libx264", "-f", "null", "-" };
        var options = new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(60) };
        await Assert.ThrowsAsync<FfmpegException>(() => tight.RunAsync(args, options, CancellationToken.None));
        Assert.Equal(4096L * 1024 * 1024, ProcessRunner.Ffmpeg.AddressSpaceLimitBytes);
        await ProcessRunner.Ffmpeg.RunAsync(args, options, CancellationToken.None);
    }

    [Fact]
    public async Task The_task_log_starts_with_the_exact_command_line_then_stderr()
    {
        var lines = new List<string>();
        using (ProcessLog.Begin(lines.Add))
        {
            await Assert.ThrowsAsync<FfmpegException>(() => ProcessRunner.Ffmpeg.RunAsync(
                ["-hide_banner", "-nostdin", "-i", "/nonexistent/it's here.mp4", "-f", "null", "-"],
                new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None));
        }
        Assert.Equal("$ ffmpeg -hide_banner -nostdin -i '/nonexistent/it'\\''s here.mp4' -f null -", lines[0]);
        Assert.Contains(lines, l => l.Contains("No such file", StringComparison.Ordinal));
        var count = lines.Count;
        await ProcessRunner.Ffmpeg.RunAsync(["-hide_banner", "-version"], new ProcessRunOptions { ReadStdout = (s, ct) => s.CopyToAsync(Stream.Null, ct) }, CancellationToken.None);
        Assert.Equal(count, lines.Count); // outside the scope nothing is written to it
    }
}
