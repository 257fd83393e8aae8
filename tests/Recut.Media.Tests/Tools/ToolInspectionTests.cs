using Recut.Media.Processes;
using Recut.Media.Tools;
using Recut.TestSupport;

namespace Recut.Media.Tests.Tools;

/// <summary>The start-up inspection of ffmpeg: what it reads from the tools, and that a build missing a piece is refused.</summary>
public sealed class ToolInspectionTests
{
    [Fact]
    public async Task The_installed_ffmpeg_has_every_encoder_and_filter_recut_uses()
    {
        var report = await ToolInspection.InspectAsync(ProcessRunner.Ffmpeg, ProcessRunner.Ffprobe, CancellationToken.None);

        Assert.True(report.Usable, report.Describe());
        Assert.StartsWith("ffmpeg version ", report.FfmpegVersion, StringComparison.Ordinal);
        Assert.StartsWith("ffprobe version ", report.FfprobeVersion, StringComparison.Ordinal);
        Assert.True(Path.IsPathRooted(report.FfmpegPath) && File.Exists(report.FfmpegPath), report.FfmpegPath);
    }

    [Fact]
    public void Listings_yield_entry_names_and_not_the_legend()
    {
        const string encoders = """
            Encoders:
             V..... = Video
             A..... = Audio
             ------
             V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC (codec h264)
             A....D aac                  AAC (Advanced Audio Coding)
            """;
        const string filters = """
            Filters:
              T.. = Timeline support
              | = Source or sink filter
             ..C lutyuv            V->V       Compute and apply a lookup table to the YUV input video.
             TSC overlay           VV->V      Overlay a video source on top of the input.
            """;

        Assert.Equal(["aac", "libx264"], ToolInspection.ListedNames(encoders).Order());
        Assert.Equal(["lutyuv", "overlay"], ToolInspection.ListedNames(filters).Order());
    }

    [Fact]
    public async Task A_build_without_a_required_filter_is_reported_unusable_naming_it()
    {
        using var dir = new TempDir("recut-tools-");
        // A stand-in ffmpeg whose filter list lacks drawtext (as a build without libfreetype would).
        var real = ExecutablePath.Resolve("ffmpeg")!;
        var fake = dir.File("ffmpeg");
        await File.WriteAllTextAsync(fake, $"""
            #!/bin/sh
            if [ "$2" = "-filters" ]; then "{real}" -hide_banner -filters | grep -v ' drawtext '; exit 0; fi
            exec "{real}" "$@"
            """);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var report = await ToolInspection.InspectAsync(new ProcessRunner(fake), ProcessRunner.Ffprobe, CancellationToken.None);

        Assert.False(report.Usable);
        Assert.Equal(["drawtext"], report.MissingFilters);
        Assert.Empty(report.MissingEncoders);
        Assert.Contains("filter(s) drawtext", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_that_cannot_start_is_one_clear_error()
    {
        var error = await Assert.ThrowsAsync<ToolUnavailableException>(() =>
            ToolInspection.InspectAsync(new ProcessRunner("/nonexistent/ffmpeg"), ProcessRunner.Ffprobe, CancellationToken.None));

        Assert.Contains("/nonexistent/ffmpeg", error.Message, StringComparison.Ordinal);
    }
}
