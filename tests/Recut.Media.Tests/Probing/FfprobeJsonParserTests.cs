using Recut.Media.Probing;

namespace Recut.Media.Tests.Probing;

public sealed class FfprobeJsonParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void Parses_real_h264_aac_output_with_display_matrix_rotation()
    {
        var info = FfprobeJsonParser.Parse(Fixture("ffprobe-h264-aac-rotated.json"), 0);

        Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", info.FormatName);
        Assert.Equal((640, 360), (info.Width, info.Height));
        Assert.Equal(2.0, info.DurationSeconds, 3);
        Assert.Equal(30.0, info.FrameRate, 3);
        Assert.Equal(60, info.FrameCount);
        Assert.Equal("h264", info.VideoCodec);
        Assert.True(info.HasAudio);
        Assert.Equal(493882, info.SizeBytes); // from format.size because the caller passed 0
        Assert.Equal(90, info.Rotation);     // "rotation": -90 is counter-clockwise: shown turned 90° clockwise
        Assert.Equal((360, 640), info.DisplaySize);
    }

    [Fact]
    public void Caller_measured_size_wins_over_format_size()
    {
        var info = FfprobeJsonParser.Parse(Fixture("ffprobe-h264-aac-rotated.json"), 12345);
        Assert.Equal(12345, info.SizeBytes);
    }

    [Fact]
    public void Png_still_has_a_size_but_no_duration_or_audio()
    {
        var info = FfprobeJsonParser.Parse(Fixture("ffprobe-png.json"), 0);

        Assert.Equal("png_pipe", info.FormatName);
        Assert.Equal((300, 250), (info.Width, info.Height));
        Assert.Equal(0, info.DurationSeconds);
        Assert.False(info.HasAudio);
        Assert.Equal("png", info.VideoCodec);
        Assert.Null(info.FrameCount);
    }

    [Fact]
    public void Cover_art_is_not_a_video_stream()
    {
        var e = Assert.Throws<MediaException>(() => FfprobeJsonParser.Parse(Fixture("ffprobe-mp3-cover-art.json"), 0));
        Assert.Equal("InvalidFile.Openerror", e.Code);
        Assert.Contains("no video stream", e.Message);
    }

    [Theory]
    [InlineData("""{"streams":[{"codec_type":"video","width":100,"height":50,"tags":{"rotate":"90"}}],"format":{}}""", 90)]
    [InlineData("""{"streams":[{"codec_type":"video","width":100,"height":50,"side_data_list":[{"rotation":90}]}],"format":{}}""", 270)]
    [InlineData("""{"streams":[{"codec_type":"video","width":100,"height":50,"side_data_list":[{"rotation":-180}]}],"format":{}}""", 180)]
    [InlineData("""{"streams":[{"codec_type":"video","width":100,"height":50}],"format":{}}""", 0)]
    public void Rotation_is_normalised_to_clockwise_quarters(string json, int expected)
    {
        Assert.Equal(expected, FfprobeJsonParser.Parse(json, 1).Rotation);
    }

    [Fact]
    public void Duration_falls_back_to_the_stream_and_frame_rate_to_r_frame_rate()
    {
        const string json = """
            {"streams":[{"codec_type":"video","codec_name":"h264","width":640,"height":360,"duration":"3.5",
                         "avg_frame_rate":"0/0","r_frame_rate":"30000/1001"}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"N/A"}}
            """;
        var info = FfprobeJsonParser.Parse(json, 10);
        Assert.Equal(3.5, info.DurationSeconds);
        Assert.Equal(29.97, info.FrameRate, 2);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"streams":[{"codec_type":"audio"}]}""")]
    [InlineData("""{"streams":[{"codec_type":"video","width":0,"height":0}]}""")]
    public void Unusable_output_is_an_open_error(string json)
    {
        var e = Assert.Throws<MediaException>(() => FfprobeJsonParser.Parse(json, 1));
        Assert.Equal("InvalidFile.Openerror", e.Code);
    }
}
