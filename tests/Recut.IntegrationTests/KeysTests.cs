using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests;

/// <summary>
/// Managed keys end to end: `recut keys create` on the server's data folder, the key used over HTTP, its daily
/// quota answered with 429 Throttling.AllocationQuota, then `recut keys revoke` → 401. A server of its own, with no
/// static keys, so it also shows that existing managed keys suppress the development key.
/// </summary>
public sealed partial class KeysTests
{
    [Fact]
    public async Task A_key_made_by_the_cli_works_over_http_until_its_quota_and_stops_when_revoked()
    {
        using var dir = new TempDir("recut-keys-");
        var data = Path.Combine(dir.Path, "data");
        var (code, stdout, stderr) = await RecutCli.RunAsync(["keys", "create", "--name", "it-client", "--daily", "2", "--data", data]);
        Assert.True(code == 0, stdout + stderr);
        var key = KeyPattern().Match(stdout).Value;
        Assert.False(string.IsNullOrEmpty(key), stdout);
        Assert.Contains("cannot show it again", stderr, StringComparison.Ordinal);

        await using var server = await ServerProcess.StartAsync(data, new Dictionary<string, string> { ["RECUT_API_KEYS"] = "" });
        Assert.False(File.Exists(Path.Combine(data, "dev-api-key")), "a development key was made although managed keys exist");
        Assert.DoesNotContain("sk-dev-", server.Log, StringComparison.Ordinal);

        using var api = new Api(server.BaseUrl, key);
        var body = Api.Body("http://127.0.0.1:1/in.mp4", ["http://127.0.0.1:1/ref.png"], "make it black and white").ToJsonString();
        var idempotent = new Dictionary<string, string> { ["Idempotency-Key"] = "first" };
        var (s1, b1) = await api.PostAsync(Api.ApiyiCreate, body, headers: idempotent);
        Assert.True(s1 == 200, b1.ToString());
        var firstId = b1.GetProperty("output").GetProperty("task_id").GetString();
        await api.CreateAsync(JsonNode.Parse(body)!.AsObject());

        var (s3, b3) = await api.PostAsync(Api.ApiyiCreate, body);
        Assert.Equal(429, s3);
        Assert.Equal("Throttling.AllocationQuota", b3.GetProperty("code").GetString());
        Assert.Contains("2 tasks per UTC day", b3.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(b3.GetProperty("request_id").GetString(), out _));
        // A repeat of an accepted request is not a new task: answered with the same task even at the quota.
        var (sRepeat, bRepeat) = await api.PostAsync(Api.ApiyiCreate, body, headers: idempotent);
        Assert.Equal(200, sRepeat);
        Assert.Equal(firstId, bRepeat.GetProperty("output").GetProperty("task_id").GetString());
        // Queries are not metered by the quota.
        var (sq, _) = await api.GetAsync($"api/v1/tasks/{firstId}");
        Assert.Equal(200, sq);
        // A key nobody created is refused.
        using var stranger = new Api(server.BaseUrl, "sk-recut-0123456789abcdef0123456789abcdef");
        Assert.Equal(401, (await stranger.GetAsync($"api/v1/tasks/{firstId}")).Status);

        var (lc, lo, le) = await RecutCli.RunAsync(["keys", "list", "--data", data]);
        Assert.True(lc == 0, lo + le);
        Assert.Matches(@"it-client\s+sk-recut-[0-9a-f]{4}…\s+default\s+default\s+2\s+2\s", lo);
        Assert.DoesNotContain(key, lo, StringComparison.Ordinal);

        var (rc, ro, re) = await RecutCli.RunAsync(["keys", "revoke", "it-client", "--data", data]);
        Assert.True(rc == 0, ro + re);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        int status;
        System.Text.Json.JsonElement refused;
        do
        {
            await Task.Delay(500);
            (status, refused) = await api.GetAsync($"api/v1/tasks/{firstId}");
        }
        while (status != 401 && DateTime.UtcNow < deadline);
        Assert.Equal(401, status);
        Assert.Equal("InvalidApiKey", refused.GetProperty("code").GetString());
        Assert.Equal("Invalid API-key provided.", refused.GetProperty("message").GetString());
        Assert.Equal(401, (await api.PostAsync(Api.ApiyiCreate, body)).Status);

        var (ac, ao, ae) = await RecutCli.RunAsync(["keys", "audit", "--data", data]);
        Assert.True(ac == 0, ao + ae);
        var lines = ao.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains($"{Environment.UserName}@{Environment.MachineName}  revoke it-client", lines[0], StringComparison.Ordinal);
        Assert.Contains("create it-client", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(key, ao, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_refuses_a_taken_name_1_an_unknown_key_3_and_a_bad_limit_2()
    {
        using var dir = new TempDir("recut-keys-");
        var data = Path.Combine(dir.Path, "data");
        Assert.Equal(0, (await RecutCli.RunAsync(["keys", "create", "--name", "dup", "--data", data])).ExitCode);

        var (dc, _, de) = await RecutCli.RunAsync(["keys", "create", "--name", "dup", "--data", data]);
        var (uc, _, ue) = await RecutCli.RunAsync(["keys", "revoke", "nobody", "--data", data]);
        var (bc, bo, be) = await RecutCli.RunAsync(["keys", "create", "--name", "x", "--daily", "0", "--data", data]);

        // The README's exit codes: a refused change 1, a key that does not exist 3, a bad value 2.
        Assert.Equal(1, dc);
        Assert.Contains("already exists", de, StringComparison.Ordinal);
        Assert.Equal(3, uc);
        Assert.Contains("no API key named 'nobody'", ue, StringComparison.Ordinal);
        Assert.Equal(2, bc);
        Assert.Contains("at least 1", be, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-recut-", bo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_created_while_the_server_runs_retires_the_development_key_within_seconds()
    {
        using var dir = new TempDir("recut-keys-");
        var data = Path.Combine(dir.Path, "data");
        await using var server = await ServerProcess.StartAsync(data, new Dictionary<string, string> { ["RECUT_API_KEYS"] = "" });
        var devKey = (await File.ReadAllTextAsync(Path.Combine(data, "dev-api-key"))).Trim();
        Assert.StartsWith("sk-dev-", devKey, StringComparison.Ordinal);
        using var dev = new Api(server.BaseUrl, devKey);
        Assert.Equal(200, (await dev.GetAsync("api/v1/tasks")).Status);

        // Another process (the CLI) makes the first managed key on the same data folder; the server is not restarted.
        var (code, stdout, stderr) = await RecutCli.RunAsync(["keys", "create", "--name", "first-real", "--data", data]);
        Assert.True(code == 0, stdout + stderr);
        var key = KeyPattern().Match(stdout).Value;

        // The lookup caches for 5 s; 20 s is a bound that holds on a loaded machine, not a measurement.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        int status;
        System.Text.Json.JsonElement refused;
        do
        {
            await Task.Delay(500);
            (status, refused) = await dev.GetAsync("api/v1/tasks");
        }
        while (status != 401 && DateTime.UtcNow < deadline);
        Assert.Equal(401, status);
        Assert.Equal("Invalid API-key provided.", refused.GetProperty("message").GetString());
        var body = Api.Body("http://127.0.0.1:1/in.mp4", ["http://127.0.0.1:1/ref.png"], "make it black and white").ToJsonString();
        Assert.Equal(401, (await dev.PostAsync(Api.ApiyiCreate, body)).Status);
        using var managed = new Api(server.BaseUrl, key);
        Assert.Equal(200, (await managed.GetAsync("api/v1/tasks")).Status);
    }

    [Fact]
    public async Task The_cli_sets_and_changes_queue_and_upload_limits()
    {
        using var dir = new TempDir("recut-keys-");
        var data = Path.Combine(dir.Path, "data");
        var (cc, co, ce) = await RecutCli.RunAsync(["keys", "create", "--name", "uploader", "--max-pending", "3",
            "--upload-daily-mb", "500", "--upload-held-mb", "200", "--data", data]);
        Assert.True(cc == 0, co + ce);
        Assert.Contains("pending 3, uploads 500 MB/day, 200 MB held", co, StringComparison.Ordinal);

        var (uc, uo, ue) = await RecutCli.RunAsync(["keys", "update", "uploader", "--upload-held-mb", "0", "--max-pending", "9", "--data", data]);
        Assert.True(uc == 0, uo + ue);
        Assert.Contains("pending 9, uploads 500 MB/day, default held", uo, StringComparison.Ordinal);

        var (lc, lo, le) = await RecutCli.RunAsync(["keys", "list", "--data", data]);
        Assert.True(lc == 0, lo + le);
        Assert.Contains("UPLOAD MB/DAY", lo, StringComparison.Ordinal);
        Assert.Matches(@"uploader\s+sk-recut-[0-9a-f]{4}…\s+default\s+default\s+default\s+0\s+9\s+500\s+default\s", lo);

        var (bc, _, be) = await RecutCli.RunAsync(["keys", "update", "uploader", "--upload-daily-mb", "-1", "--data", data]);
        Assert.Equal(2, bc);
        Assert.Contains("at least 1", be, StringComparison.Ordinal);
    }

    [GeneratedRegex("sk-recut-[0-9a-f]{32}")]
    private static partial Regex KeyPattern();
}
