using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests;

/// <summary>The `recut` command as a user runs it: local edit without a server, and submit/wait against one.</summary>
[Collection(ServerCollection.Name)]
public sealed class CliTests(ServerFixture fx)
{
    [Fact]
    public async Task Edit_runs_the_local_engine_on_a_file_and_changes_its_colours()
    {
        using var dir = new TempDir();
        var output = dir.File("bw.mp4");
        var (code, stdout, stderr) = await RecutCli.RunAsync(["edit", Path.Combine(fx.MediaDirectory, "clip.mp4"),
            "--ref", Path.Combine(fx.MediaDirectory, "look.png"), "-p", "把视频变成黑白", "-o", output]);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("100%", stdout, StringComparison.Ordinal);
        var frame = await FrameReader.ReadAsync(output, 1.0);
        var (r, g, b) = frame.MeanRgb();
        Assert.True(Math.Abs(r - g) < 3 && Math.Abs(g - b) < 3, $"not grey: {r:0.0} {g:0.0} {b:0.0}");
        Assert.Equal(1280, frame.Width);
    }

    [Fact]
    public async Task Edit_reports_an_unsupported_instruction_and_writes_nothing()
    {
        using var dir = new TempDir();
        var output = dir.File("none.mp4");
        var (code, _, stderr) = await RecutCli.RunAsync(["edit", Path.Combine(fx.MediaDirectory, "clip.mp4"),
            "--ref", Path.Combine(fx.MediaDirectory, "look.png"), "-p", "add a dragon flying over the city", "-o", output]);
        Assert.Equal(1, code);
        Assert.Contains("UnsupportedEdit", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Submit_waits_and_downloads_from_a_running_server()
    {
        using var dir = new TempDir();
        var output = dir.File("remote.mp4");
        var env = new Dictionary<string, string> { ["RECUT_API_KEY"] = Keys.A };
        var (code, stdout, stderr) = await RecutCli.RunAsync(["submit", "--endpoint", fx.Server.BaseUrl.ToString(),
            "--video", fx.Clip.ToString(), "--ref", fx.Logo.ToString(), "-p", "put the logo in the top-left corner",
            "--wait", "-o", output], env);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("SUCCEEDED", stdout, StringComparison.Ordinal);
        var frame = await FrameReader.ReadAsync(output, 1.0);
        // The logo (a red rounded square) sits in the top-left corner at about 18% of the width, inset by a margin.
        var (r, g, b) = frame.MeanRgb(100, 100, 60, 60);
        Assert.True(r > 150 && g < 90 && b < 90, $"top-left is not the red logo: {r:0} {g:0} {b:0}");

        var taskId = stdout.Split('\n').First(l => l.StartsWith("task_id:", StringComparison.Ordinal))["task_id:".Length..].Trim();
        var (sc, so, _) = await RecutCli.RunAsync(["status", taskId, "--endpoint", fx.Server.BaseUrl.ToString()], env);
        Assert.Equal(0, sc);
        Assert.Contains("SUCCEEDED", so, StringComparison.Ordinal);
        var (lc, lo, _) = await RecutCli.RunAsync(["list", "--endpoint", fx.Server.BaseUrl.ToString()], env);
        Assert.Equal(0, lc);
        Assert.Contains(taskId, lo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_without_a_key_says_how_to_set_one()
    {
        var (code, _, stderr) = await RecutCli.RunAsync(["submit", "--endpoint", fx.Server.BaseUrl.ToString(), "--video", fx.Clip.ToString()],
            new Dictionary<string, string> { ["RECUT_API_KEY"] = "", ["DASHSCOPE_API_KEY"] = "" });
        Assert.Equal(2, code);
        Assert.Contains("RECUT_API_KEY", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_serves_submits_the_reference_request_and_downloads_the_result()
    {
        using var dir = new TempDir("recut-demo-");
        var port = LoopbackPorts.Free();
        var (code, stdout, stderr) = await RecutCli.RunAsync(["demo", "--once", "--urls", $"http://127.0.0.1:{port}", "--data", dir.Path],
            new Dictionary<string, string> { ["RECUT_API_KEYS"] = "" });
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("sk-dev-", stdout, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}", stdout, StringComparison.Ordinal);
        Assert.Contains("Plan (actual_prompt): Edit plan:", stdout, StringComparison.Ordinal);
        // The demo's own steps on the terminal; the server's log (lease, render, HTTP) in a file beside the result.
        var log = Path.Combine(dir.Path, "demo", "server.log");
        Assert.Contains($"Server log: {log}", stdout, StringComparison.Ordinal);
        Assert.Contains("Recut.Server", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
        Assert.DoesNotContain("Recut.Server", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" info: ", stdout, StringComparison.Ordinal);
        var result = Path.Combine(dir.Path, "demo", "result.mp4");
        var frame = await FrameReader.ReadAsync(result, 2.0);
        Assert.Equal((1280, 720), (frame.Width, frame.Height));
    }
}
