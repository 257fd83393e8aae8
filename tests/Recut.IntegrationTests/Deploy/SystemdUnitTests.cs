using System.Text.Json.Nodes;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Deploy;

/// <summary>
/// deploy/systemd as systemd would run it: the unit's ExecStart, with %i and ${VAR} expanded from the example
/// environment file, started for both instances (api, worker) — and the pair edits a video together.
/// Only the executable (/opt/recut/recut, a published build) becomes the built CLI, and the example's placeholder
/// database, host names and folders become the test's own.
/// </summary>
public sealed class SystemdUnitTests
{
    private static readonly string Unit = Path.Combine(RepoPaths.Root, "deploy", "systemd", "recut@.service");
    private static readonly string EnvExample = Path.Combine(RepoPaths.Root, "deploy", "systemd", "recut.env.example");

    [Fact]
    public void The_unit_reads_the_environment_file_and_the_example_targets_postgresql()
    {
        var service = Section(File.ReadAllLines(Unit), "Service");
        Assert.Equal("/etc/recut/recut.env", service["EnvironmentFile"]);
        Assert.Equal("2", service["RestartPreventExitStatus"]);
        var env = EnvironmentFile(File.ReadAllLines(EnvExample));
        Assert.Contains("Host=", env["RECUT_DB"], StringComparison.Ordinal);
        Assert.StartsWith("https://", env["Recut__PublicBaseUrl"], StringComparison.Ordinal);
        Assert.Equal(["/opt/recut/recut", "serve", "--role", "%i", "--urls", "${RECUT_URLS}"], Words(service["ExecStart"]));
    }

    [Fact]
    public async Task The_api_and_worker_instances_started_from_ExecStart_edit_a_video_together()
    {
        using var dir = new TempDir("recut-systemd-");
        await TestMedia.VideoAsync(dir.File("media/clip.mp4"), 320, 240, 2.2);
        await using var files = await StaticFileServer.StartAsync(dir.File("media"));
        var port = LoopbackPorts.Free();
        var env = EnvironmentFile(File.ReadAllLines(EnvExample));
        env["RECUT_URLS"] = $"http://127.0.0.1:{port}";
        env["RECUT_DATA"] = dir.File("data");
        env["RECUT_DB"] = dir.File("data/tasks.db"); // the example's PostgreSQL is a placeholder; both roles share this store
        env["Recut__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        env["Recut__AllowedHosts"] = "127.0.0.1";
        env["RECUT_API_KEYS"] = Keys.A;
        env["RECUT_ALLOW_PRIVATE_FETCH"] = "true";
        env["RECUT_WORKERS"] = "1";
        var execStart = Section(File.ReadAllLines(Unit), "Service")["ExecStart"];

        await using var api = Start(execStart, "api", env);
        using (var ready = new CancellationTokenSource(ReadinessBudget.Start))
        {
            await new HttpReadiness(new Uri(env["RECUT_URLS"] + "/")).WaitAsync(api, ready.Token);
        }
        await using var worker = Start(execStart, "worker", env);
        using (var ready = new CancellationTokenSource(ReadinessBudget.Start))
        {
            await new AnnouncementReadiness("Recut workers running").WaitAsync(worker, ready.Token);
        }

        using var client = new Api(new Uri(env["RECUT_URLS"] + "/"), Keys.A);
        var id = await client.CreateAsync(Api.Body(files.Url("clip.mp4").ToString(), [], "make it black and white"), Api.DashScopeCreate);
        var final = await client.WaitDashScopeAsync(id);
        Assert.True(Status(final) == "SUCCEEDED", $"{final}\napi:\n{api.Log}\nworker:\n{worker.Log}");
        // JSON logs (RECUT_LOG_FORMAT=json from the example) carry a timestamp on every line.
        var line = api.Log.Split('\n').First(l => l.TrimStart().StartsWith('{'));
        Assert.NotNull(JsonNode.Parse(line)!["Timestamp"]);
    }

    private static string Status(System.Text.Json.JsonElement task) => task.GetProperty("output").GetProperty("task_status").GetString()!;

    /// <summary>systemd's expansion of this ExecStart: %i is the instance, ${NAME} one word from the environment.</summary>
    private static RecutLauncher Start(string execStart, string instance, Dictionary<string, string> env)
    {
        var words = Words(execStart).Select(w => w.Replace("%i", instance, StringComparison.Ordinal))
            .Select(w => w.StartsWith("${", StringComparison.Ordinal) && w.EndsWith('}') ? env[w[2..^1]] : w).ToList();
        Assert.Equal("recut", Path.GetFileName(words[0]));
        var launcher = new RecutLauncher();
        launcher.Start(words.Skip(1), env);
        return launcher;
    }

    private static List<string> Words(string commandLine) =>
        [.. commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static Dictionary<string, string> Section(string[] lines, string name)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var inside = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inside = line == $"[{name}]";
            }
            else if (inside && line.Length > 0 && !line.StartsWith('#') && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq)
            {
                values[line[..eq]] = line[(eq + 1)..];
            }
        }
        return values;
    }

    private static Dictionary<string, string> EnvironmentFile(string[] lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith('#') && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq)
            {
                values[line[..eq]] = line[(eq + 1)..];
            }
        }
        return values;
    }
}
