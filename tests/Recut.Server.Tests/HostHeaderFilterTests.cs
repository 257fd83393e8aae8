using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Recut.Server.Configuration;
using Recut.Server.Hosting;

namespace Recut.Server.Tests;

/// <summary>With AllowedHosts set, a request naming another host is refused before any handler builds a link from it.</summary>
public sealed class HostHeaderFilterTests
{
    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("recut.example.evil", HttpStatusCode.BadRequest)]
    [InlineData("recut.example", HttpStatusCode.OK)]
    [InlineData("recut.example:8443", HttpStatusCode.OK)]
    [InlineData("eu.cdn.example", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task Only_allowed_hosts_are_served(string? host, HttpStatusCode expected)
    {
        await using var app = await StartAsync("recut.example:8443, *.cdn.example, 127.0.0.1");
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/x");
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        using var response = await http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("InvalidParameter", body.RootElement.GetProperty("code").GetString());
            Assert.Contains("Host", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_list_every_host_is_served()
    {
        await using var app = await StartAsync(null);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/x");
        request.Headers.Host = "anything.example";
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Ports_and_brackets_are_not_part_of_the_pattern()
    {
        Assert.Equal(["a.example", "*.b.example", "[::1]", "::1"],
            HostHeaderFilter.Parse(" a.example:80 ,*.b.example:8443,[::1]:9000,::1,").Select(s => s.Value));
    }

    private static async Task<WebApplication> StartAsync(string? allowedHosts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        HostHeaderFilter.Use(app, new RecutOptions { AllowedHosts = allowedHosts, PublicBaseUrl = "http://x" }, ["http://127.0.0.1:0"]);
        app.MapGet("/x", () => Results.Text("ok"));
        await app.StartAsync();
        return app;
    }
}
