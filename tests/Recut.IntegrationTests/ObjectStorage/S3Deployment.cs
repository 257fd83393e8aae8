using Recut.IntegrationTests.Chaos;
using Recut.IntegrationTests.Infrastructure;
using Recut.Media.Storage.S3;
using Recut.TestSupport;

namespace Recut.IntegrationTests.ObjectStorage;

/// <summary>
/// The deployment with no shared folder: one `recut serve --role api` and one `--role worker` process, each on a data
/// folder of its own, one PostgreSQL schema (RECUT_TEST_PG), one bucket prefix on the test S3 server (RECUT_TEST_S3),
/// one RECUT_SIGNING_SECRET. Started once for the tests of <see cref="S3DeploymentTests"/>.
/// </summary>
public sealed class S3Deployment : IAsyncLifetime
{
    private readonly TempDir _dir = new("recut-s3-deploy-");
    private ChaosDatabase? _db;
    private WorkerProcess? _worker;

    public S3StorageOptions S3 { get; } = TestS3.Require("deploy");
    public ServerProcess Api { get; private set; } = null!;
    public StaticFileServer Files { get; private set; } = null!;
    public string ApiData => _dir.File("api-data");
    public string WorkerData => _dir.File("worker-data");
    public string MediaDir => _dir.File("media");
    public string WorkerLog => _worker?.Log ?? "";

    public async Task InitializeAsync()
    {
        var server = ChaosDatabase.ServerOrNull()
            ?? throw new InvalidOperationException($"{ChaosDatabase.Variable} is needed: the deployment's task store is PostgreSQL.");
        // The cheapest task the media rules allow: 2 s, small; the engine still renders 720P.
        await TestMedia.VideoAsync(Path.Combine(MediaDir, "clip.mp4"), 320, 240, 2);
        await TestMedia.ImageAsync(Path.Combine(MediaDir, "look.png"), 320, 240, "gradients=s=320x240:c0=0x2040ff:c1=0xffe000:nb_colors=2:seed=5");
        Files = await StaticFileServer.StartAsync(MediaDir);
        _db = await ChaosDatabase.CreateAsync(server);
        var env = TestS3.ServeEnvironment(S3);
        env["RECUT_DB"] = _db.ConnectionString;
        env["RECUT_SIGNING_SECRET"] = "s3-deployment-test-secret-" + Guid.NewGuid().ToString("N");
        env["RECUT_API_KEYS"] = string.Join(',', Keys.All);
        env["RECUT_ALLOW_PRIVATE_FETCH"] = "true"; // the inputs come from a file server on 127.0.0.1
        env["RECUT_WORKERS"] = "1";
        Api = new ServerProcess(ApiData, env);
        await Api.StartAsync("--role", "api");
        _worker = new WorkerProcess();
        await _worker.StartAsync(WorkerData, env);
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
        if (Files is not null)
        {
            await Files.DisposeAsync();
        }
        _dir.Dispose();
    }
}
