using Recut.Engines.Local.Person;
using Recut.Engines.Tests.Person.Support;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Person.Helpers;

/// <summary>
/// Truth clips shared by the person tests (made once per run, 480×270, 2 s): Grace Hopper swaying over testsrc2,
/// both people standing still over a gradient, and two clips with nobody in them.
/// </summary>
public sealed class PersonClips : IAsyncLifetime, IDisposable
{
    public const int Width = 480;
    public const int Height = 270;
    private readonly TempDir _dir = new("recut-person");

    public TruthClip GraceSway { get; private set; } = null!;

    public TruthClip AstronautStill { get; private set; } = null!;

    public TruthClip GraceStill { get; private set; } = null!;

    /// <summary>lavfi testsrc2: colour bars, a moving gradient and a counter; no person.</summary>
    public TruthClip NobodyTestPattern { get; private set; } = null!;

    /// <summary>A plain studio backdrop: the person-free top-right corner of the astronaut portrait.</summary>
    public TruthClip NobodyBackdrop { get; private set; } = null!;

    public PersonFrameProcessorFactory Factory { get; private set; } = null!;

    public string Folder => _dir.Path;

    public async Task InitializeAsync()
    {
        Factory = PersonFrameProcessorFactory.FromOptions(new() { ModelsDirectory = PersonAssets.ModelsRoot() });
        var grace = PersonAssets.GraceHopper;
        var astronaut = PersonAssets.Astronaut;
        GraceSway = await Make(new("grace-sway", grace, "testsrc2", Width, Height, 2, PersonMotion.Sway));
        AstronautStill = await Make(new("astronaut-still", astronaut, "gradients", Width, Height, 2, PersonMotion.Still));
        GraceStill = await Make(new("grace-still", grace, "gradients", Width, Height, 2, PersonMotion.Still));
        NobodyTestPattern = await Make(new("nobody-testsrc2", grace, "testsrc2", Width, Height, 2, PersonMotion.Still, PersonHeight: 0));
        var backdrop = await TestImages.CropAsync(astronaut.PhotoPath, "crop=190:280:322:0", _dir.File("backdrop.png"));
        NobodyBackdrop = await Make(new("nobody-backdrop", grace, backdrop, Width, Height, 2, PersonMotion.Still, PersonHeight: 0));
    }

    private Task<TruthClip> Make(TruthClipSpec spec) => TruthClipBuilder.BuildAsync(spec, _dir.Path);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _dir.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PersonClipsCollection : ICollectionFixture<PersonClips>
{
    public const string Name = "person clips";
}
