using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using Recut.IntegrationTests.Infrastructure;
using Recut.Protocol.Errors;
using Xunit.Abstractions;

namespace Recut.IntegrationTests.Hostile;

/// <summary>
/// Hundreds of generated malformed create requests against the real server. Every answer is either a 200 (the damage
/// happened to leave a valid request) or a JSON error whose code is in the catalogue with its API.md §7 status —
/// never a 500, never a non-JSON body — and the server still runs a normal edit afterwards.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class BadRequestPropertyTests(ServerFixture fx, ITestOutputHelper output)
{
    private static readonly HashSet<string> KnownCodes = typeof(ErrorCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task Malformed_create_requests_always_get_a_catalogued_json_error_never_a_500()
    {
        var video = fx.Files.Url("missing-video.mp4").ToString(); // valid-by-chance tasks fail fast at fetch
        var image = fx.Look.ToString();
        var tally = new ConcurrentDictionary<string, ConcurrentDictionary<string, int>>();
        using var http = new HttpClient { BaseAddress = fx.Server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        // A key of its own so the throttling of valid-by-chance creates cannot disturb other tests.
        var gen = Gen.Select(Gen.Int[0, MalformedRequests.Categories.Length - 1], Gen.Int,
            (c, seed) => MalformedRequests.Make(c, seed, video, image));

        await gen.SampleAsync(async request =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, Api.ApiyiCreate)
            {
                Content = new ByteArrayContent(request.Body),
            };
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Keys.B);
            message.Headers.Add("X-DashScope-Async", "enable");
            using var response = await http.SendAsync(message);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status != 500, $"500 for {request}: {text}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var doc = JsonDocument.Parse(text);
            string code;
            if (status == 200)
            {
                code = "200";
                Assert.Equal("PENDING", doc.RootElement.GetProperty("output").GetProperty("task_status").GetString());
            }
            else
            {
                code = doc.RootElement.GetProperty("code").GetString()!;
                Assert.True(KnownCodes.Contains(code), $"uncatalogued code {code} for {request}");
                Assert.Equal(ErrorStatus.For(code), status);
                Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("message").GetString()));
                LeakCheck.AssertClean(doc.RootElement.GetProperty("message").GetString(), request.ToString(),
                    LeakCheck.StringsOf(System.Text.Encoding.UTF8.GetString(request.Body)));
                Assert.True(Guid.TryParse(doc.RootElement.GetProperty("request_id").GetString(), out _));
            }
            tally.GetOrAdd(request.Category, _ => new()).AddOrUpdate(code, 1, (_, n) => n + 1);
        }, iter: 600, threads: 4, print: r => r.ToString());

        foreach (var (category, codes) in tally.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{category,-20} {string.Join(", ", codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}×{c.Value}"))}");
        }
        Assert.Equal(MalformedRequests.Categories.Length, tally.Count);
        Assert.Equal(600, tally.Values.Sum(c => c.Values.Sum()));

        // The server is still healthy and still edits.
        using var api = fx.Api(Keys.A);
        var id = await api.CreateAsync(Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "make it sepia"));
        var (_, final) = await api.WaitApiyiAsync(id);
        Assert.Equal("completed", final.GetProperty("status").GetString());
    }
}
