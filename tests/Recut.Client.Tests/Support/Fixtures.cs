using System.Net;
using System.Text;
using System.Text.Json;

namespace Recut.Client.Tests.Support;

/// <summary>Recorded upstream answers (see Fixtures/README.md) and a handler that replays one of them.</summary>
public static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static JsonElement Json(string name) => JsonDocument.Parse(Read(name)).RootElement.Clone();

    /// <summary>A client whose every request is answered with <paramref name="name"/> and <paramref name="status"/>.</summary>
    public static (RecutClient Client, ReplayHandler Handler) Replaying(string name, HttpStatusCode status = HttpStatusCode.OK)
    {
        var handler = new ReplayHandler(Read(name), status);
        var client = new RecutClient(new HttpClient(handler), new RecutClientOptions
        {
            BaseUrl = new Uri("https://dashscope.aliyuncs.com"),
            ApiKey = "sk-test",
            MaxRetries = 0,
        });
        return (client, handler);
    }
}

public sealed class ReplayHandler(string body, HttpStatusCode status) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
