using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests;

/// <summary>The foundation's promise: the reference request works end to end against the real server.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReferenceRequestTests(ServerFixture fx)
{
    [Fact]
    public async Task Reference_request_runs_to_a_downloadable_720p_h264_with_watermark_and_real_progress()
    {
        using var api = fx.Api();
        var body = Api.Body(fx.ClipWithAudio.ToString(), [fx.Look.ToString()],
            "Give the video the colour look of the reference image",
            new JsonObject { ["resolution"] = "720P", ["prompt_extend"] = true, ["watermark"] = true, ["audio_setting"] = "origin" });
        var id = await api.CreateAsync(body);

        var (progress, final) = await api.WaitApiyiAsync(id);
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        Assert.Equal(100, final.GetProperty("progress").GetInt32());
        Assert.Equal(progress.OrderBy(p => p), progress); // never goes backwards

        var (status, ds) = await api.GetAsync($"api/v1/tasks/{id}");
        Assert.Equal(200, status);
        var output = ds.GetProperty("output");
        Assert.Equal("SUCCEEDED", output.GetProperty("task_status").GetString());
        foreach (var t in new[] { "submit_time", "scheduled_time", "end_time" })
        {
            Assert.True(DateTime.TryParseExact(output.GetProperty(t).GetString(), "yyyy-MM-dd HH:mm:ss.fff",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"{t}: {output}");
        }
        Assert.Equal("Give the video the colour look of the reference image", output.GetProperty("orig_prompt").GetString());
        Assert.Contains("colour", output.GetProperty("actual_prompt").GetString(), StringComparison.OrdinalIgnoreCase);
        // The same plan as data beside the words: one colour-look step from reference image 1, the 720p output.
        var plan = output.GetProperty("plan");
        var step = Assert.Single(plan.GetProperty("steps").EnumerateArray());
        Assert.Equal("colour_look", step.GetProperty("op").GetString());
        Assert.Equal(1, step.GetProperty("reference_image").GetInt32());
        Assert.Equal(720, Math.Min(plan.GetProperty("output").GetProperty("width").GetInt32(), plan.GetProperty("output").GetProperty("height").GetInt32()));
        Assert.True(plan.GetProperty("output").GetProperty("watermark").GetBoolean());
        var usage = ds.GetProperty("usage");
        Assert.Equal(720, usage.GetProperty("SR").GetInt32());
        Assert.Equal(1, usage.GetProperty("video_count").GetInt32());
        Assert.Equal(2.5, usage.GetProperty("output_video_duration").GetDouble(), 1);
        Assert.Equal(usage.GetProperty("input_video_duration").GetDouble() + usage.GetProperty("output_video_duration").GetDouble(),
            usage.GetProperty("duration").GetDouble(), 2);

        var resultUrl = final.GetProperty("result_url").GetString()!;
        Assert.Equal(output.GetProperty("video_url").GetString()!.Split('?')[0], resultUrl.Split('?')[0]);
        using var dir = new TempDir();
        var file = dir.File("out.mp4");
        using (var anonymous = new HttpClient()) // no Authorization header
        {
            await File.WriteAllBytesAsync(file, await anonymous.GetByteArrayAsync(resultUrl));
        }

        using var probe = await Probe.FfprobeJsonAsync(file);
        var streams = probe.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal("yuv420p", video.GetProperty("pix_fmt").GetString());
        Assert.Equal(1280, video.GetProperty("width").GetInt32());
        Assert.Equal(720, video.GetProperty("height").GetInt32());
        Assert.Equal("30/1", video.GetProperty("avg_frame_rate").GetString());
        var duration = double.Parse(probe.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(duration, 2.5 - 1 / 30.0 - 0.01, 2.5 + 1 / 30.0 + 0.03);
        Assert.Contains(streams, s => s.GetProperty("codec_type").GetString() == "audio" && s.GetProperty("codec_name").GetString() == "aac");
        Assert.True(Probe.MoovBeforeMdat(file), "moov atom must come first (faststart)");

        // The watermark: compare with the same edit without it — only the bottom-right corner differs.
        var plainId = await api.CreateAsync(Api.Body(fx.ClipWithAudio.ToString(), [fx.Look.ToString()],
            "Give the video the colour look of the reference image",
            new JsonObject { ["resolution"] = "720P", ["watermark"] = false }));
        var plain = await api.WaitApiyiAsync(plainId);
        var plainFile = dir.File("plain.mp4");
        using (var anonymous = new HttpClient())
        {
            await File.WriteAllBytesAsync(plainFile, await anonymous.GetByteArrayAsync(plain.Final.GetProperty("result_url").GetString()));
        }
        var marked = await FrameReader.ReadAsync(file, 1.0);
        var unmarked = await FrameReader.ReadAsync(plainFile, 1.0);
        var corner = Diff(marked, unmarked, 1280 - 220, 720 - 90, 210, 80);
        var topLeft = Diff(marked, unmarked, 10, 10, 210, 80);
        Assert.True(corner > 8, $"bottom-right differs by {corner:0.0} only: no watermark?");
        Assert.True(topLeft < 1.5, $"top-left differs by {topLeft:0.0}: the watermark must only touch its corner");
    }

    [Fact]
    public async Task Progress_moves_through_the_render_while_the_task_runs()
    {
        // Progress is written with the lease heartbeat (once a second): on a quiet machine the 2.5 s clip renders in
        // under a second, between two heartbeats. Ten seconds of 720p outlast several.
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.LongClipWithAudio.ToString(), [fx.Look.ToString()],
            "Give the video the colour look of the reference image", new JsonObject { ["resolution"] = "720P" }));

        var (progress, final) = await api.WaitApiyiAsync(id);

        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        Assert.Equal(100, final.GetProperty("progress").GetInt32());
        Assert.Equal(progress.OrderBy(p => p), progress); // never goes backwards
        Assert.Contains(progress, p => p > 0 && p < 100);  // real per-frame progress was visible while running
    }

    [Fact]
    public async Task Result_url_is_signed_supports_head_and_ranges_and_refuses_tampering()
    {
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "make it black and white"));
        var (_, final) = await api.WaitApiyiAsync(id);
        var url = final.GetProperty("result_url").GetString()!;
        using var http = new HttpClient();

        using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url)))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal("video/mp4", head.Content.Headers.ContentType?.MediaType);
            Assert.True(head.Content.Headers.ContentLength > 1000);
            Assert.Equal("bytes", head.Headers.AcceptRanges.Single());
        }
        using (var range = new HttpRequestMessage(HttpMethod.Get, url))
        {
            range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
            using var partial = await http.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        }

        var tampered = url.Replace("Signature=", "Signature=A", StringComparison.Ordinal);
        await AssertErrorAsync(http, tampered, 403, "SignatureDoesNotMatch");
        var otherExpiry = System.Text.RegularExpressions.Regex.Replace(url, "Expires=(\\d+)", m => "Expires=" + (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 3600));
        await AssertErrorAsync(http, otherExpiry, 403, "SignatureDoesNotMatch");
        var noSignature = url.Split('?')[0];
        await AssertErrorAsync(http, noSignature, 403, "SignatureDoesNotMatch");
        var traversal = new Uri(fx.Server.BaseUrl, "results/../../data/tasks.db?Expires=9999999999&Signature=x").ToString();
        using var t = await http.GetAsync(traversal);
        Assert.NotEqual(HttpStatusCode.OK, t.StatusCode);
    }

    [Fact]
    public async Task Expired_result_url_is_refused_with_access_denied()
    {
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "mirror the video"));
        var (_, final) = await api.WaitApiyiAsync(id);
        var url = new Uri(final.GetProperty("result_url").GetString()!);
        var key = Uri.UnescapeDataString(url.AbsolutePath["/results/".Length..]);
        // Sign an already-expired link with the server's own secret: only expiry can be wrong with it.
        var secret = await File.ReadAllBytesAsync(Path.Combine(fx.DataDirectory, "secrets", "result-url.key"));
        var signer = new Recut.Media.Signing.ResultUrlSigner(secret);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        var expired = $"{url.GetLeftPart(UriPartial.Path)}?Expires={past.ToUnixTimeSeconds()}&Signature={Uri.EscapeDataString(signer.Sign(key, past))}";
        using var http = new HttpClient();
        await AssertErrorAsync(http, expired, 403, "AccessDenied", "Request has expired.");
    }

    private static async Task AssertErrorAsync(HttpClient http, string url, int status, string code, string? message = null)
    {
        using var r = await http.GetAsync(url);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True((int)r.StatusCode == status, $"{(int)r.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(code, doc.RootElement.GetProperty("code").GetString());
        if (message is not null)
        {
            Assert.Equal(message, doc.RootElement.GetProperty("message").GetString());
        }
    }

    private static double Diff(RgbFrame a, RgbFrame b, int x, int y, int w, int h)
    {
        double sum = 0;
        for (var yy = y; yy < y + h; yy++)
        {
            for (var xx = x; xx < x + w; xx++)
            {
                var p = a.Pixel(xx, yy);
                var q = b.Pixel(xx, yy);
                sum += Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B);
            }
        }
        return sum / (3.0 * w * h);
    }
}
