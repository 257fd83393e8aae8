using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Faces made unrecognisable: "blur the faces", "pixelate everyone's face", "anonymise the faces", "给人脸打码",
/// "把脸模糊掉". Every face is covered — one person's face cannot be told from another's — so a clause that narrows it
/// ("the faces in the background", "except mine") is left unexplained and refused rather than done wider than asked.
/// A face named with any other change ("make her face brighter") is refused too.
/// </summary>
internal static class FaceRules
{
    public static bool Read(Clause c, ClauseOutcome outcome)
    {
        if (!c.Has(Cat.Face) || (!c.Has(Cat.Anonymise) && !c.Has(Cat.Blur)))
        {
            return false;
        }
        if (c.Has(Cat.Background) || c.Has(Cat.Everything) || c.Has(Cat.Garment) || c.Has(Cat.Logo) || c.Has(Cat.Reference))
        {
            return false; // a narrower or different region: the face words stay unexplained
        }
        var style = c.Live(Cat.Anonymise).Any(i => i.Sense.Sign > 0) ? FaceAnonymiseStyle.Pixelate : FaceAnonymiseStyle.Blur;
        outcome.Requests.Add(new Request(RequestKind.FaceAnonymise, EditRules.Fragment(c), EditRules.Start(c)) { FaceStyle = style });
        c.Use(Cat.Face, Cat.Anonymise, Cat.Blur, Cat.Person, Cat.Place, Cat.Generic, Cat.Remove, Cat.Want, Cat.ObjectMarker, Cat.Large, Cat.Increase);
        return true;
    }
}
