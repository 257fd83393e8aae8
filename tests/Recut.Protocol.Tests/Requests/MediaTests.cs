using System.Text.Json.Nodes;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;

namespace Recut.Protocol.Tests.Requests;

public class MediaTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Apiyi_rejects_reference_image_counts_outside_1_to_5(int images)
    {
        var error = Bodies.Rejected(Bodies.WithImages(images), Dialect.Apiyi, ErrorCodes.InvalidParameter);
        Assert.Equal($"input.media must contain 1-5 items of type reference_image on the APIYI route; got {images}", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Apiyi_accepts_1_to_5_reference_images(int images) =>
        Assert.Equal(images, Bodies.Accepted(Bodies.WithImages(images), Dialect.Apiyi).ReferenceImageUrls.Count);

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void DashScope_rejects_more_than_4_reference_images(int images)
    {
        var error = Bodies.Rejected(Bodies.WithImages(images), Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.Equal($"input.media must contain 0-4 items of type reference_image on the DashScope route; got {images}", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void DashScope_accepts_0_to_4_reference_images(int images) =>
        Assert.Equal(images, Bodies.Accepted(Bodies.WithImages(images), Dialect.DashScope).ReferenceImageUrls.Count);

    [Fact]
    public void Urls_keep_their_order_and_the_video_is_found_wherever_it_is()
    {
        var body = Bodies.Valid();
        body.Input()["media"] = new JsonArray
        {
            Bodies.Media("reference_image", "https://a.example/1.png"),
            Bodies.Media("video", "https://a.example/v.mov"),
            Bodies.Media("reference_image", "https://a.example/2.png"),
        };
        var request = Bodies.Accepted(body, Dialect.DashScope);
        Assert.Equal("https://a.example/v.mov", request.VideoUrl);
        Assert.Equal(["https://a.example/1.png", "https://a.example/2.png"], request.ReferenceImageUrls);
    }

    [Theory]
    [InlineData(Dialect.Apiyi)]
    [InlineData(Dialect.DashScope)]
    public void Missing_media_is_invalid_parameter(Dialect dialect)
    {
        var body = Bodies.Valid();
        body.Input().Remove("media");
        var error = Bodies.Rejected(body, dialect, ErrorCodes.InvalidParameter);
        Assert.Contains("input.media", error.Message);
        Assert.Contains("exactly one item of type video", error.Message);
    }

    [Fact]
    public void Empty_media_is_invalid_parameter()
    {
        var body = Bodies.Valid();
        body.Input()["media"] = new JsonArray();
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.Equal("input.media must contain exactly one item of type video; got 0", error.Message);
    }

    [Fact]
    public void Media_that_is_not_an_array_is_invalid_parameter()
    {
        var body = Bodies.Valid();
        body.Input()["media"] = Bodies.Media("video", Bodies.Video);
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.StartsWith("input.media must be an array of {type, url} objects; got {", error.Message);
    }

    [Fact]
    public void Media_without_a_video_is_invalid_parameter()
    {
        var body = Bodies.Valid();
        body.Input()["media"] = new JsonArray { Bodies.Media("reference_image", Bodies.Image) };
        var error = Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.InvalidParameter);
        Assert.Equal("input.media must contain exactly one item of type video; got 0", error.Message);
    }

    [Fact]
    public void Two_videos_are_invalid_parameter()
    {
        var body = Bodies.Valid();
        body.MediaList().Add(Bodies.Media("video", "https://media.example.com/second.mp4"));
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.Equal("input.media must contain exactly one item of type video; got 2", error.Message);
    }

    [Theory]
    [InlineData("audio")]
    [InlineData("image")]
    [InlineData("Video")]
    [InlineData("first_frame")]
    public void Unknown_media_type_is_named_with_the_allowed_types(string type)
    {
        var body = Bodies.Valid();
        body.MediaList().Add(Bodies.Media(type, "https://media.example.com/x"));
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.Equal($"input.media[2].type '{type}' is not supported; allowed types: video, reference_image", error.Message);
    }

    [Fact]
    public void Media_item_that_is_not_an_object_is_invalid_parameter()
    {
        var body = Bodies.Valid();
        body.MediaList().Add(Bodies.Image);
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.StartsWith("input.media[2] must be an object with string fields type and url; got \"https://", error.Message);
    }

    [Theory]
    [InlineData("{\"url\":\"https://a.example/v.mp4\"}", "input.media[0].type is required")]
    [InlineData("{\"type\":5,\"url\":\"https://a.example/v.mp4\"}", "input.media[0].type must be a string")]
    [InlineData("{\"type\":\"video\"}", "input.media[0].url is required")]
    [InlineData("{\"type\":\"video\",\"url\":null}", "input.media[0].url is required")]
    [InlineData("{\"type\":\"video\",\"url\":42}", "input.media[0].url must be a string; got 42")]
    [InlineData("{\"type\":\"video\",\"url\":\"  \"}", "input.media[0].url must not be empty")]
    public void Media_item_fields_are_checked(string item, string message)
    {
        var body = Bodies.Valid();
        body.Input()["media"] = new JsonArray { JsonNode.Parse(item) };
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "'file'")]
    [InlineData("ftp://media.example.com/in.mp4", "'ftp'")]
    [InlineData("data:video/mp4;base64,AAAA", "'data'")]
    [InlineData("gopher://media.example.com/in.mp4", "'gopher'")]
    [InlineData("javascript:alert(1)", "'javascript'")]
    [InlineData("/videos/in.mp4", "not an absolute url")]
    [InlineData("videos/in.mp4", "not an absolute url")]
    [InlineData("media.example.com/in.mp4", "not an absolute url")]
    [InlineData("not a url at all", "not an absolute url")]
    [InlineData("http:/media.example.com/in.mp4", "not a valid http url")]
    [InlineData("https://", "not a valid https url")]
    [InlineData("oss://bucket", "names no object")]
    [InlineData("oss://bucket/", "names no object")]
    public void Unsupported_or_broken_url_is_invalid_url(string url, string detail)
    {
        var body = Bodies.Valid();
        body.MediaList()[0] = Bodies.Media("video", url);
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidUrl);
        Assert.Equal(400, error.HttpStatus);
        Assert.StartsWith("input.media[0].url ", error.Message);
        Assert.Contains(detail, error.Message);
        if (detail.StartsWith('\''))
        {
            Assert.EndsWith("allowed schemes: http, https, oss", error.Message);
        }
    }

    [Fact]
    public void Bad_reference_image_url_names_its_index()
    {
        var body = Bodies.Valid();
        body.MediaList()[1] = Bodies.Media("reference_image", "file:///tmp/ref.png");
        var error = Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.InvalidUrl);
        Assert.StartsWith("input.media[1].url uses the unsupported scheme 'file'", error.Message);
    }

    [Fact]
    public void Overlong_url_is_invalid_url()
    {
        var body = Bodies.Valid();
        body.MediaList()[0] = Bodies.Media("video", "https://media.example.com/" + new string('a', MediaUrlRule.MaxLength));
        Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidUrl);
    }

    [Theory]
    [InlineData("http://media.example.com/in.mp4")]
    [InlineData("https://media.example.com/in.mp4?sig=abc&exp=1")]
    [InlineData("HTTPS://media.example.com/in.mp4")]
    [InlineData("https://127.0.0.1:8080/in.mp4")]
    [InlineData("https://user:pass@media.example.com/in.mp4")]
    public void Http_and_https_urls_are_accepted_without_oss(string url)
    {
        var body = Bodies.Valid();
        body.MediaList()[0] = Bodies.Media("video", url);
        var result = Bodies.Parse(body, Dialect.DashScope);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(url, result.Request.VideoUrl);
        Assert.False(result.UsesOss);
    }

    [Fact]
    public void Url_is_trimmed()
    {
        var body = Bodies.Valid();
        body.MediaList()[0] = Bodies.Media("video", "  " + Bodies.Video + "\n");
        Assert.Equal(Bodies.Video, Bodies.Accepted(body, Dialect.DashScope).VideoUrl);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Oss_url_is_accepted_and_flagged(int position)
    {
        var body = Bodies.Valid();
        var type = position == 0 ? "video" : "reference_image";
        body.MediaList()[position] = Bodies.Media(type, "oss://dashscope-instant/abc/2026/in.bin");
        var result = Bodies.Parse(body, Dialect.DashScope);
        Assert.True(result.IsValid, result.Error?.Message);
        Assert.True(result.UsesOss);
    }
}
