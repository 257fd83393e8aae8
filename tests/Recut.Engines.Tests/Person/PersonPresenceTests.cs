using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Segmentation;

namespace Recut.Engines.Tests.Person;

public sealed class PersonPresenceTests
{
    private static readonly SegmentationStats Confident = new(0.3, 0.95);

    [Fact]
    public void Nothing_segmented_is_no_person()
    {
        var presence = new PersonPresence(new MaskOptions());
        presence.Record(new SegmentationStats(0, 0));
        presence.Record(new SegmentationStats(0.001, 0.9));
        Assert.False(presence.PersonFound);
        Assert.Contains("no person was found in any of the 2 frames", presence.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_shape_without_a_face_is_not_a_person_when_a_face_is_required()
    {
        var presence = new PersonPresence(new MaskOptions());
        presence.Record(Confident);
        presence.RecordFace(0.52f); // a cat's face scores about this
        Assert.False(presence.PersonFound);
        Assert.Contains("no face was found", presence.Explain(), StringComparison.Ordinal);
        presence.RecordFace(0.9f);
        Assert.True(presence.PersonFound);
    }

    [Fact]
    public void Without_the_face_rule_a_confident_segmentation_is_enough()
    {
        var presence = new PersonPresence(new MaskOptions { RequireFace = false });
        Assert.True(presence.Record(Confident));
        Assert.True(presence.PersonFound);
    }

    [Fact]
    public void Low_confidence_frames_do_not_count()
    {
        var presence = new PersonPresence(new MaskOptions { RequireFace = false });
        Assert.False(presence.Record(new SegmentationStats(0.4, 0.55)));
        Assert.Equal(0, presence.FramesWithPerson);
    }
}
