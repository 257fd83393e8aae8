using System.Security.Cryptography;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests.Relay;

/// <summary>`recut submit` with local files: uploaded through the endpoint's temporary-file flow, then edited and saved.</summary>
[Collection(RelayCollection.Name)]
public sealed class RelayCliTests(RelayFixture fx)
{
    private RelayEnvironment Env => fx.Env;

    [Fact]
    public async Task Submit_uploads_local_files_to_a_dashscope_endpoint_and_saves_the_result()
    {
        using var dir = new Recut.TestSupport.TempDir("recut-cli-relay-");
        var output = dir.File("out.mp4");
        var marker = Guid.NewGuid().ToString("N");
        var (code, stdout, stderr) = await RecutCli.RunAsync(
            ["submit", "--endpoint", Env.Upstream.BaseUrl.ToString(), "--video", Path.Combine(Env.MediaDirectory, "clip.mp4"),
             "--ref", Path.Combine(Env.MediaDirectory, "logo.png"), "-p", "make it warmer " + marker, "-o", output],
            new Dictionary<string, string> { ["DASHSCOPE_API_KEY"] = RelayEnvironment.UpstreamKey, ["RECUT_API_KEY"] = "" });
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("status:  SUCCEEDED", stdout, StringComparison.Ordinal);
        var task = Assert.Single(Env.UpstreamTasksFor(marker));
        var media = task.Body["input"]!["media"]!.AsArray();
        Assert.EndsWith("/clip.mp4", media[0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("/logo.png", media[1]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(media, m => Assert.StartsWith("oss://", m!["url"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(await HashAsync(Path.Combine(Env.MediaDirectory, "clip.mp4")), await HashAsync(output));
    }

    [Fact]
    public async Task Submit_uploads_local_files_to_recut_which_relays_them_upstream()
    {
        using var dir = new Recut.TestSupport.TempDir("recut-cli-relay-");
        var output = dir.File("out.mp4");
        var marker = Guid.NewGuid().ToString("N");
        var (code, stdout, stderr) = await RecutCli.RunAsync(
            ["submit", "--endpoint", Env.Recut.BaseUrl.ToString(), "--video", Path.Combine(Env.MediaDirectory, "clip.mp4"),
             "-p", "make it warmer " + marker, "--wait", "-o", output],
            new Dictionary<string, string> { ["RECUT_API_KEY"] = Keys.A });
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("oss://recut-uploads/", stderr, StringComparison.Ordinal);
        // Recut's own upload is not readable upstream: the relay uploaded it again through getPolicy.
        var task = Assert.Single(Env.UpstreamTasksFor(marker));
        Assert.StartsWith("oss://dashscope-instant/", task.Body["input"]!["media"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(await HashAsync(Path.Combine(Env.MediaDirectory, "clip.mp4")), await HashAsync(output));
    }

    [Fact]
    public async Task Submit_refuses_a_path_that_is_neither_a_url_nor_a_file()
    {
        var (code, _, stderr) = await RecutCli.RunAsync(
            ["submit", "--endpoint", Env.Upstream.BaseUrl.ToString(), "--video", "/no/such/clip.mp4", "-p", "x"],
            new Dictionary<string, string> { ["DASHSCOPE_API_KEY"] = RelayEnvironment.UpstreamKey, ["RECUT_API_KEY"] = "" });
        Assert.Equal(2, code); // an input error, told apart from a task that failed (1)
        Assert.Contains("neither an http(s)/oss:// URL nor an existing file", stderr, StringComparison.Ordinal);
        Assert.Contains("/no/such/clip.mp4", stderr, StringComparison.Ordinal);
    }

    private static async Task<string> HashAsync(string path) => Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path)));
}
