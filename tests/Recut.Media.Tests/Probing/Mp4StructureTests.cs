using System.Buffers.Binary;
using Recut.Media.Probing;
using Recut.TestSupport;

namespace Recut.Media.Tests.Probing;

public sealed class Mp4StructureTests
{
    /// <summary>A 2 s mp4 as TestMedia writes it (moov first), changed by <paramref name="damage"/> and written back.</summary>
    private static async Task<string> DamagedAsync(TempDir dir, Func<byte[], byte[]> damage)
    {
        var path = await TestMedia.VideoAsync(dir.File("a.mp4"), 320, 240, 2);
        await File.WriteAllBytesAsync(path, damage(await File.ReadAllBytesAsync(path)));
        return path;
    }

    [Theory]
    [InlineData("mp4")]
    [InlineData("mov")]
    public async Task Reads_what_ffprobe_reads_from_a_complete_file(string container)
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("a." + container), 320, 240, 2, withAudio: true, container: container);
        var probed = await new FfprobeReader().ProbeAsync(path, CancellationToken.None);

        var mp4 = await Mp4Structure.ReadAsync(path, CancellationToken.None);

        var video = Assert.IsType<Mp4Track>(mp4.Video);
        Assert.Equal((probed.Width, probed.Height), (video.Width, video.Height));
        Assert.Equal(probed.FrameCount, video.SampleCount);
        Assert.Equal(2, video.DurationSeconds, 2);
        Assert.True(mp4.HasAudio);
        Assert.InRange(mp4.DurationSeconds, probed.DurationSeconds - 0.05, probed.DurationSeconds + 0.05);
    }

    [Fact]
    public async Task Reads_a_file_whose_moov_comes_last()
    {
        using var dir = new TempDir();
        var path = dir.File("late.mp4");
        await Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2",
             "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4", path],
            new Recut.Media.Processes.ProcessRunOptions(), CancellationToken.None);
        Assert.False(Probe.MoovBeforeMdat(path));

        var mp4 = await Mp4Structure.ReadAsync(path, CancellationToken.None);

        Assert.Equal(60, mp4.Video!.SampleCount);
        Assert.False(mp4.HasAudio);
    }

    [Theory]
    [InlineData(0.98)]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public async Task A_truncated_file_is_refused(double kept)
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("a.mp4"), 320, 240, 2, withAudio: true);
        var bytes = await File.ReadAllBytesAsync(path);
        var cut = dir.File("cut.mp4");
        await File.WriteAllBytesAsync(cut, bytes[..(int)(bytes.Length * kept)]);

        await Assert.ThrowsAsync<InvalidDataException>(() => Mp4Structure.ReadAsync(cut, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_missing_only_its_last_byte_is_refused()
    {
        using var dir = new TempDir();
        var path = await DamagedAsync(dir, bytes => bytes[..^1]);

        await Assert.ThrowsAsync<InvalidDataException>(() => Mp4Structure.ReadAsync(path, CancellationToken.None));
    }

    [Fact]
    public async Task A_chunk_pointing_outside_the_media_data_is_refused()
    {
        using var dir = new TempDir();
        var path = await DamagedAsync(dir, bytes =>
        {
            // stco: size, "stco", version/flags, entry count, then the offsets; move the first chunk past the end.
            var stco = bytes.AsSpan().IndexOf("stco"u8);
            Assert.True(stco > 0);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(stco + 12), (uint)bytes.Length - 16);
            return bytes;
        });

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => Mp4Structure.ReadAsync(path, CancellationToken.None));
        Assert.Contains("outside the media data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sample_table_that_claims_more_samples_than_its_chunks_hold_is_refused()
    {
        using var dir = new TempDir();
        var path = await DamagedAsync(dir, bytes =>
        {
            // stsz: size, "stsz", version/flags, sample size (0: a table follows), sample count.
            var stsz = bytes.AsSpan().IndexOf("stsz"u8);
            var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(stsz + 12));
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(stsz + 12), count - 1);
            return bytes;
        });

        await Assert.ThrowsAsync<InvalidDataException>(() => Mp4Structure.ReadAsync(path, CancellationToken.None));
    }

    [Fact]
    public async Task Text_is_not_an_mp4()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("page.mp4"), "<!doctype html><html><body>Not a video</body></html>");

        await Assert.ThrowsAsync<InvalidDataException>(() => Mp4Structure.ReadAsync(dir.File("page.mp4"), CancellationToken.None));
    }
}
