using System.Text.Json;
using Recut.DashScopeSimulator;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;
using SkiaSharp;

namespace Recut.IntegrationTests.Relay;

/// <summary>
/// Recut (engine "dashscope") in front of the DashScope simulator, plus a static file server holding generated inputs.
/// Recut is hosted in the test process unless a test needs to kill it (then a `recut serve` child process); either
/// way it is configured through the same Recut__DashScope__* settings, which also shorten its timings.
/// </summary>
public sealed class RelayEnvironment : IAsyncDisposable
{
    public const string UpstreamKey = "sk-relay-upstream-1";

    private readonly TempDir _dir = new("recut-relay-");

    private RelayEnvironment()
    {
    }

    public DashScopeSimulator.DashScopeSimulator Upstream { get; private set; } = null!;
    public StaticFileServer Files { get; private set; } = null!;
    public IRecutServer Recut { get; private set; } = null!;
    public string MediaDirectory => Path.Combine(_dir.Path, "media");
    public Uri Clip => Files.Url("clip.mp4");
    public Uri Look => Files.Url("look.png");

    /// <summary>Settings every relay server gets; <paramref name="extra"/> adds or overrides.</summary>
    public static Dictionary<string, string> Settings(Uri upstream, string keys, IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Recut__Engine"] = "dashscope",
            ["Recut__DashScope__BaseUrl"] = upstream.ToString(),
            ["Recut__DashScope__ApiKeys"] = keys,
            ["Recut__DashScope__PollMinSeconds"] = "0.2",
            ["Recut__DashScope__PollMaxSeconds"] = "0.4",
            ["Recut__DashScope__RetryBaseSeconds"] = "0.1",
            ["Recut__DashScope__RetryMaxSeconds"] = "0.4",
            ["Recut__DashScope__LostCreateGraceSeconds"] = "0.3",
            ["Recut__DashScope__RequestTimeoutSeconds"] = "2",
            ["Recut__DashScope__MaxAttempts"] = "8",
            // Tests submit bursts of tasks on purpose; the per-key submit rate is not what they measure.
            ["Recut__SubmitsPerSecond"] = "100",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }
        return env;
    }

    public static async Task<RelayEnvironment> StartAsync(IReadOnlyDictionary<string, string>? extra = null, string? keys = null,
        Action<DashScopeSimulator.DashScopeSimulator>? configure = null, bool childProcess = false)
    {
        var env = new RelayEnvironment();
        Directory.CreateDirectory(env.MediaDirectory);
        await TestMedia.VideoAsync(Path.Combine(env.MediaDirectory, "clip.mp4"), 640, 360, 2.5, withAudio: true);
        await TestMedia.ImageAsync(Path.Combine(env.MediaDirectory, "look.png"), 640, 360,
            "gradients=s=640x360:c0=0xff7a00:c1=0x7a1fa2:nb_colors=2:seed=3");
        TestMedia.LogoPng(Path.Combine(env.MediaDirectory, "logo.png"), 320, 320, SKColors.Red);
        env.Files = await StaticFileServer.StartAsync(env.MediaDirectory);
        env.Upstream = await DashScopeSimulator.DashScopeSimulator.StartAsync(Path.Combine(env._dir.Path, "upstream"));
        env.Upstream.AddKey(UpstreamKey);
        configure?.Invoke(env.Upstream);
        var data = Path.Combine(env._dir.Path, "data");
        var settings = Settings(env.Upstream.BaseUrl, keys ?? UpstreamKey, extra);
        env.Recut = childProcess ? new ServerProcess(data, settings) : new InProcessServer(data, settings);
        try
        {
            await env.Recut.StartAsync();
        }
        catch
        {
            await env.DisposeAsync();
            throw;
        }
        return env;
    }

    public Api Api(string key = Keys.A) => new(Recut.BaseUrl, key);

    /// <summary>Creates a DashScope-dialect task whose prompt carries <paramref name="marker"/> (to find it upstream).</summary>
    public async Task<string> CreateAsync(Api api, string marker, bool withReference = true)
    {
        var body = Infrastructure.Api.Body(Clip.ToString(), withReference ? [Look.ToString()] : [], $"make it warmer {marker}");
        return await api.CreateAsync(body, Infrastructure.Api.DashScopeCreate);
    }

    /// <summary>Upstream tasks created for the Recut task whose prompt carries <paramref name="marker"/>.</summary>
    public IReadOnlyList<SimTask> UpstreamTasksFor(string marker) =>
        Upstream.Tasks.Where(t => t.Prompt.Contains(marker, StringComparison.Ordinal)).ToList();

    public static string Status(JsonElement body) => body.GetProperty("output").GetProperty("task_status").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await Recut.DisposeAsync();
        await Upstream.DisposeAsync();
        await Files.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>One relay environment with default settings shared by a test class.</summary>
public sealed class RelayFixture : IAsyncLifetime
{
    public RelayEnvironment Env { get; private set; } = null!;

    public async Task InitializeAsync() => Env = await RelayEnvironment.StartAsync();

    public async Task DisposeAsync() => await Env.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RelayCollection : ICollectionFixture<RelayFixture>
{
    public const string Name = "dashscope relay";
}
