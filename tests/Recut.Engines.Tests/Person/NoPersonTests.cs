using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Helpers;
using Recut.Engines.Tests.Person.Support;
using Recut.Protocol.Errors;

namespace Recut.Engines.Tests.Person;

/// <summary>A clip with nobody in it must fail every person edit with NoPerson from Complete(), never return the input.</summary>
[Collection(PersonClipsCollection.Name)]
public sealed class NoPersonTests(PersonClips clips)
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "testsrc2", "solid" },
        { "testsrc2", "outfit" },
        { "backdrop", "blur" },
        { "backdrop", "grayscale" },
        { "backdrop", "replace" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fails_with_NoPerson(string clipName, string edit)
    {
        var clip = clipName == "testsrc2" ? clips.NobodyTestPattern : clips.NobodyBackdrop;
        var reference = TestImages.Garment(Path.Combine(clips.Folder, "ref-noperson.png"), new OpenCvSharp.Scalar(30, 160, 30));
        FrameOperation op = edit switch
        {
            "solid" => new BackgroundSolidOp(0, 255, 0, "green"),
            "outfit" => new OutfitRecolourOp(0),
            "blur" => new BackgroundBlurOp(0.5),
            "grayscale" => new BackgroundGrayscaleOp(),
            _ => new BackgroundReplaceOp(0),
        };
        using var processor = clips.Factory.Create(op, PersonContexts.For(clip.Width, clip.Height, clips.Folder, reference));
        var error = await Assert.ThrowsAsync<ApiErrorException>(() => ClipRun.RunAsync(clip, processor));
        Assert.Equal(ErrorCodes.NoPersonFound, error.Error.Code);
        Assert.StartsWith("No person was found in the video", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_edit_succeeds_when_a_person_is_there()
    {
        // Guards the test above: the NoPerson failure comes from the clip, not from a processor that always fails.
        using var processor = clips.Factory.Create(new BackgroundSolidOp(0, 255, 0, "green"), PersonContexts.For(PersonClips.Width, PersonClips.Height, clips.Folder));
        var frames = await ClipRun.RunAsync(clips.GraceStill, processor);
        Assert.Equal(clips.GraceStill.FrameCount, frames);
    }
}
