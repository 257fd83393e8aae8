using Recut.DashScopeSimulator;

namespace Recut.IntegrationTests.Relay;

/// <summary>
/// The upstream's video_url is untrusted input: the relay fetches it through the guarded fetcher, only from the
/// configured result hosts (plus the API host), never from a metadata or unspecified address. Here the result hosts
/// name the metadata address on purpose, to show the address policy still refuses it once the allow-list lets it by.
/// </summary>
public sealed class RelayResultHostTests(RelayResultHostFixture fx) : IClassFixture<RelayResultHostFixture>
{
    private RelayEnvironment Env => fx.Env;

    [Fact]
    public async Task A_result_on_the_upstream_api_host_is_still_copied()
    {
        using var api = Env.Api();
        var id = await Env.CreateAsync(api, Guid.NewGuid().ToString("N"), withReference: false);
        Assert.Equal("SUCCEEDED", RelayEnvironment.Status(await api.WaitDashScopeAsync(id)));
    }

    [Theory]
    [InlineData("localhost", "is not one this fetch may reach")]     // loopback, but not an allowed host name
    [InlineData("[::1]", "is not one this fetch may reach")]
    [InlineData("169.254.169.254", "cloud metadata address")]       // allowed host, refused address
    [InlineData("0.0.0.0", "unspecified")]
    public async Task A_result_link_elsewhere_fails_the_task_without_fetching_it(string host, string reason)
    {
        var marker = Guid.NewGuid().ToString("N");
        var port = Env.Upstream.BaseUrl.Port;
        Env.Upstream.WhenPromptContains(marker, new SimOutcome { VideoUrl = $"http://{host}:{port}/results/stolen.mp4?Expires=1" });
        var before = Env.Upstream.Requests.Count(r => r.Path.Contains("stolen", StringComparison.Ordinal));
        using var api = Env.Api();
        var id = await Env.CreateAsync(api, marker, withReference: false);
        var output = (await api.WaitDashScopeAsync(id)).GetProperty("output");
        Assert.Equal("FAILED", output.GetProperty("task_status").GetString());
        Assert.Equal("InternalError", output.GetProperty("code").GetString());
        var message = output.GetProperty("message").GetString()!;
        Assert.Contains("upstream result link was refused", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        // Refused before any connection: the simulator (which also listens on loopback) never saw the request.
        Assert.Equal(before, Env.Upstream.Requests.Count(r => r.Path.Contains("stolen", StringComparison.Ordinal)));
    }
}

/// <summary>One relay whose result hosts name the metadata and unspecified addresses, shared by the class.</summary>
public sealed class RelayResultHostFixture : IAsyncLifetime
{
    public RelayEnvironment Env { get; private set; } = null!;

    public async Task InitializeAsync() => Env = await RelayEnvironment.StartAsync(new Dictionary<string, string>
    {
        ["Recut__DashScope__ResultHosts"] = "169.254.169.254, 0.0.0.0",
    });

    public async Task DisposeAsync() => await Env.DisposeAsync();
}
