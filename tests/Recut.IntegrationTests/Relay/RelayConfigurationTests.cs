using System.Text.Json;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests.Relay;

/// <summary>Relay settings that need a server of their own: pass-through media, the key pool.</summary>
[Collection(HeavyCollection.Name)]
public sealed class RelayConfigurationTests
{
    [Fact]
    public async Task Public_urls_pass_through_unchanged_and_nothing_is_uploaded()
    {
        // "never" stands in for public URLs: the simulator, like the real upstream with public URLs, fetches them itself.
        await using var env = await RelayEnvironment.StartAsync(new Dictionary<string, string> { ["Recut__DashScope__MediaUpload"] = "never" });
        using var api = env.Api();
        var marker = Guid.NewGuid().ToString("N");
        var id = await env.CreateAsync(api, marker);
        Assert.Equal("SUCCEEDED", RelayEnvironment.Status(await api.WaitDashScopeAsync(id)));
        var upstream = Assert.Single(env.UpstreamTasksFor(marker));
        var media = upstream.Body["input"]!["media"]!.AsArray();
        Assert.Equal(env.Clip.ToString(), media[0]!["url"]!.GetValue<string>());
        Assert.Equal(env.Look.ToString(), media[1]!["url"]!.GetValue<string>());
        Assert.DoesNotContain(env.Upstream.Requests, r => r.Path == "/api/v1/uploads" || r.Path == "/oss");
        var create = env.Upstream.Requests.Single(r => r.Method == "POST" && r.Body?.Contains(marker, StringComparison.Ordinal) == true);
        Assert.False(create.Headers.ContainsKey("X-DashScope-OssResourceResolve"));
    }

    [Fact]
    public async Task Keys_upstream_rejects_leave_the_rotation_and_health_names_them()
    {
        const string unknown = "sk-never-issued";
        const string arrears = "sk-account-in-arrears";
        await using var env = await RelayEnvironment.StartAsync(
            new Dictionary<string, string> { ["Recut__DashScope__KeyFailureThreshold"] = "1" },
            keys: $"{unknown},{arrears},{RelayEnvironment.UpstreamKey}",
            configure: sim =>
            {
                sim.AddKey(arrears, "account-2");
                sim.SetArrearage(arrears);
            });
        using var api = env.Api();
        var markers = new[] { Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N") };
        foreach (var m in markers)
        {
            Assert.Equal("SUCCEEDED", RelayEnvironment.Status(await api.WaitDashScopeAsync(await env.CreateAsync(api, m))));
        }
        Assert.All(markers, m => Assert.Equal(RelayEnvironment.UpstreamKey, Assert.Single(env.UpstreamTasksFor(m)).KeyUsed));
        // Each bad key was tried once, then left alone: the second task went straight to the good key.
        Assert.Equal(1, env.Upstream.Requests.Count(r => r.Key == unknown));
        Assert.Equal(1, env.Upstream.Requests.Count(r => r.Key == arrears));

        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri(env.Recut.BaseUrl, "healthz"));
        Assert.Equal(200, (int)health.StatusCode);
        using var doc = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        var check = doc.RootElement.GetProperty("checks").GetProperty("dashscope-keys");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        var description = check.GetProperty("description").GetString()!;
        Assert.Contains("1 of 3", description, StringComparison.Ordinal);
        Assert.Contains("InvalidApiKey", description, StringComparison.Ordinal);
        Assert.Contains("Arrearage", description, StringComparison.Ordinal);
        Assert.DoesNotContain(unknown, description, StringComparison.Ordinal);
    }
}
