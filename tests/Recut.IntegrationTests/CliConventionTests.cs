using System.Text.Json;
using System.Text.RegularExpressions;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests;

/// <summary>
/// The `recut` command by the conventions of gh, docker and kubectl: exit codes scripts can branch on, --json / -o json,
/// header rows, --api-key, -o naming a folder, and a live bar that leaves the plan line whole in a real terminal.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class CliConventionTests(ServerFixture fx)
{
    private string Endpoint => fx.Server.BaseUrl.ToString();

    // No key in the environment: each call names its own with --api-key, so the option is what is tested.
    private static readonly Dictionary<string, string> NoKeyEnv = new() { ["RECUT_API_KEY"] = "", ["DASHSCOPE_API_KEY"] = "" };

    [Fact]
    public async Task Exit_codes_say_usage_not_found_unreachable_and_refused_apart()
    {
        var (missing, _, missingErr) = await RecutCli.RunAsync(["status"], NoKeyEnv);
        Assert.Equal(2, missing);
        Assert.Contains("Run 'recut status --help'", missingErr, StringComparison.Ordinal);
        Assert.Equal(2, (await RecutCli.RunAsync(["frobnicate"], NoKeyEnv)).ExitCode);
        Assert.Equal(2, (await RecutCli.RunAsync(["plan", "make it pop", "-o", "yaml"], NoKeyEnv)).ExitCode);

        var unknown = Guid.NewGuid().ToString();
        var (notFound, notFoundOut, _) = await RecutCli.RunAsync(["status", unknown, "--endpoint", Endpoint, "--api-key", Keys.A], NoKeyEnv);
        Assert.Equal(3, notFound);
        Assert.Contains("UNKNOWN", notFoundOut, StringComparison.Ordinal);
        using var dir = new TempDir();
        Assert.Equal(3, (await RecutCli.RunAsync(["get", unknown, "-o", dir.Path, "--endpoint", Endpoint, "--api-key", Keys.A], NoKeyEnv)).ExitCode);
        Assert.Equal(3, (await RecutCli.RunAsync(["wait", unknown, "--endpoint", Endpoint, "--api-key", Keys.A], NoKeyEnv)).ExitCode);

        var (denied, _, deniedErr) = await RecutCli.RunAsync(["status", unknown, "--endpoint", Endpoint, "--api-key", "not-a-key"], NoKeyEnv);
        Assert.Equal(1, denied);
        Assert.Contains("InvalidApiKey", deniedErr, StringComparison.Ordinal);

        var port = LoopbackPorts.Free();
        Assert.Equal(4, (await RecutCli.RunAsync(["status", unknown, "--endpoint", $"http://127.0.0.1:{port}", "--api-key", Keys.A], NoKeyEnv)).ExitCode);

        Assert.Equal(1, (await RecutCli.RunAsync(["plan", "add a dragon flying over the city"], NoKeyEnv)).ExitCode);
        var (noFile, _, noFileErr) = await RecutCli.RunAsync(["submit", "/no/such/clip.mp4", "--endpoint", Endpoint, "--api-key", Keys.A], NoKeyEnv);
        Assert.Equal(2, noFile);
        Assert.Contains("neither an http(s)/oss:// URL nor an existing file", noFileErr, StringComparison.Ordinal);
        Assert.Equal(2, (await RecutCli.RunAsync(["submit", fx.Clip.ToString(), "--video", fx.Clip.ToString(), "--endpoint", Endpoint, "--api-key", Keys.A], NoKeyEnv)).ExitCode);
    }

    [Fact]
    public async Task Status_list_keys_and_plan_print_json_and_tables_with_headers()
    {
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Clip.ToString(), [], "mirror it"), Api.DashScopeCreate);
        Assert.Equal("completed", (await api.WaitApiyiAsync(id)).Final.GetProperty("status").GetString());

        foreach (var flag in new[] { new[] { "--json" }, ["-o", "json"] })
        {
            var (code, stdout, stderr) = await RecutCli.RunAsync(["status", id, "--endpoint", Endpoint, "--api-key", Keys.A, .. flag], NoKeyEnv);
            Assert.True(code == 0, stdout + stderr);
            using var doc = JsonDocument.Parse(stdout);
            Assert.Equal(id, doc.RootElement.GetProperty("task_id").GetString());
            Assert.Equal("SUCCEEDED", doc.RootElement.GetProperty("status").GetString());
            Assert.Equal("mirror", doc.RootElement.GetProperty("plan").GetProperty("steps")[0].GetProperty("op").GetString());
        }

        var (lc, table, _) = await RecutCli.RunAsync(["list", "--endpoint", Endpoint, "--api-key", Keys.A, "--page-size", "100"], NoKeyEnv);
        Assert.Equal(0, lc);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^TASK ID\s+STATUS\s+CREATED \(UTC\)\s+MODEL$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(id, StringComparison.Ordinal) && l.Contains("SUCCEEDED", StringComparison.Ordinal));
        var (jc, json, _) = await RecutCli.RunAsync(["list", "--json", "--endpoint", Endpoint, "--api-key", Keys.A, "--page-size", "100"], NoKeyEnv);
        Assert.Equal(0, jc);
        using (var doc = JsonDocument.Parse(json))
        {
            Assert.Contains(doc.RootElement.GetProperty("items").EnumerateArray(), t => t.GetProperty("task_id").GetString() == id);
            Assert.True(doc.RootElement.GetProperty("total").GetInt32() >= 1);
        }

        using var data = new TempDir();
        var (cc, created, _) = await RecutCli.RunAsync(["keys", "create", "--name", "ci-bot", "--rate", "3", "--data", data.Path], NoKeyEnv);
        Assert.Equal(0, cc);
        var secret = created.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1];
        var (kc, keys, _) = await RecutCli.RunAsync(["keys", "list", "-o", "json", "--data", data.Path], NoKeyEnv);
        Assert.Equal(0, kc);
        using (var doc = JsonDocument.Parse(keys))
        {
            var key = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal("ci-bot", key.GetProperty("name").GetString());
            Assert.Equal(3, key.GetProperty("limits").GetProperty("rate_per_second").GetInt32());
        }
        Assert.DoesNotContain(secret, keys, StringComparison.Ordinal); // a listing never shows the key itself
        Assert.Equal(3, (await RecutCli.RunAsync(["keys", "revoke", "no-such-key", "--data", data.Path], NoKeyEnv)).ExitCode);

        var (pc, plan, _) = await RecutCli.RunAsync(["plan", "把视频变成黑白", "-o", "json"], NoKeyEnv);
        Assert.Equal(0, pc);
        using (var doc = JsonDocument.Parse(plan))
        {
            Assert.Equal("grayscale", doc.RootElement.GetProperty("steps")[0].GetProperty("look").GetString());
        }
    }

    [Fact]
    public async Task Output_naming_a_folder_writes_a_named_file_inside_it()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "renders") + Path.DirectorySeparatorChar; // not there yet: created
        var (code, stdout, stderr) = await RecutCli.RunAsync(["edit", Path.Combine(fx.MediaDirectory, "clip.mp4"), "-p", "mirror it", "-o", folder], NoKeyEnv);
        Assert.True(code == 0, stdout + stderr);
        Assert.True(File.Exists(Path.Combine(folder, "clip.recut.mp4")), stdout);

        var (sc, so, se) = await RecutCli.RunAsync(["submit", fx.Clip.ToString(), "-p", "mirror it", "-o", dir.Path,
            "--endpoint", Endpoint, "--api-key", Keys.A], NoKeyEnv);
        Assert.True(sc == 0, so + se);
        var id = so.Split('\n').First(l => l.StartsWith("task_id:", StringComparison.Ordinal))["task_id:".Length..].Trim();
        Assert.True(File.Exists(Path.Combine(dir.Path, $"{id}.mp4")), so);

        var again = Path.Combine(dir.Path, "again");
        Directory.CreateDirectory(again);
        Assert.Equal(0, (await RecutCli.RunAsync(["get", id, "-o", again, "--endpoint", Endpoint, "--api-key", Keys.A], NoKeyEnv)).ExitCode);
        Assert.True(File.Exists(Path.Combine(again, $"{id}.mp4")));
    }

    [Fact]
    public async Task The_live_bar_in_an_80_column_terminal_leaves_the_plan_line_whole()
    {
        var session = $"recut-{Guid.NewGuid():N}"[..20];
        using var dir = new TempDir();
        var output = dir.File("out.mp4");
        var done = dir.File("done");
        // The command runs in a real pseudo-terminal 80 columns wide, where Spectre draws its live bar.
        var command = string.Join(' ', new[] { "dotnet", RepoPaths.CliDll, "edit", Path.Combine(fx.MediaDirectory, "clip.mp4"),
            "-p", "mirror it and make it warmer", "-o", output }.Select(Quote)) + $"; echo $? > {Quote(done)}; sleep 600";
        // Its own tmux server (-L), so the session inherits this process's environment rather than an older server's.
        await RunAsync("tmux", "-L", session, "new-session", "-d", "-s", session, "-x", "80", "-y", "50", command);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (!File.Exists(done) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            var screen = await RunAsync("tmux", "-L", session, "capture-pane", "-p", "-J", "-t", session, "-S", "-100");
            Assert.True(File.Exists(done), "the edit did not finish:\n" + screen);
            Assert.Equal("0", (await File.ReadAllTextAsync(done)).Trim());
            // The plan comes first, whole (wrapped at word boundaries to 80 columns), and the bar is drawn below it.
            // Written past the bar's console, it lands inside the bar's line: cut off, after the bar, overwritten.
            var start = screen.IndexOf("Edit plan:", StringComparison.Ordinal);
            var bar = screen.IndexOf("Editing ", StringComparison.Ordinal);
            Assert.True(start >= 0 && bar > start, "the plan is not above the bar:\n" + screen);
            Assert.Matches(PlanText(), WhiteSpace().Replace(screen[start..bar], " ").Trim());
            Assert.Contains("Wrote ", screen, StringComparison.Ordinal);
        }
        finally
        {
            await RunAsync("tmux", "-L", session, "kill-server");
        }
    }

    [GeneratedRegex(@"^Edit plan: \(1\) make the colours warmer \(\d+%\); \(2\) mirror the picture horizontally \(left and right swapped\); "
        + @"output 1280×720 \(16:9\) at 30 fps, 2\.50 s, no audio \(the source has none\), no watermark\.$")]
    private static partial Regex PlanText();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var (_, stdout, stderr) = await RecutCli.RunProcessAsync(file, args);
        return stdout + stderr;
    }
}
