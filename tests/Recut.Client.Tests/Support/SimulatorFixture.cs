using Recut.TestSupport;

namespace Recut.Client.Tests.Support;

/// <summary>The DashScope simulator (standing in for the paid service) plus small generated inputs.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string Key = "sk-client-tests";
    private readonly TempDir _dir = new("recut-client-sim-");

    public DashScopeSimulator.DashScopeSimulator Sim { get; private set; } = null!;
    public string Clip => _dir.File("clip.mp4");
    public string Image => _dir.File("look.png");

    public async Task InitializeAsync()
    {
        await TestMedia.VideoAsync(Clip, 320, 240, 2.2);
        await TestMedia.ImageAsync(Image, 320, 240);
        Sim = await DashScopeSimulator.DashScopeSimulator.StartAsync(_dir.File("upstream"));
        Sim.AddKey(Key);
    }

    public RecutClient Client(int maxRetries = 3, bool? honoursIdempotency = null) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, new RecutClientOptions
        {
            BaseUrl = Sim.BaseUrl,
            ApiKey = Key,
            MinPollInterval = TimeSpan.FromMilliseconds(100),
            MaxPollInterval = TimeSpan.FromMilliseconds(300),
            MaxRetries = maxRetries,
            HonoursIdempotencyKey = honoursIdempotency,
        });

    public async Task DisposeAsync()
    {
        await Sim.DisposeAsync();
        _dir.Dispose();
    }
}
