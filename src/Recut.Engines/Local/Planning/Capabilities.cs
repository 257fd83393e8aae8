using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Plan;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Planning;

/// <summary>What the local engine can do, in plain English, and the UnsupportedEdit errors that quote it.</summary>
internal sealed class Capabilities(IReadOnlyList<IFrameProcessorFactory> factories)
{
    private static readonly (FrameOperation Sample, string Words)[] PersonEdits =
    [
        (new BackgroundReplaceOp(0), "replace the background with a reference image"),
        (new BackgroundBlurOp(0.7), "blur the background"),
        (new BackgroundSolidOp(0, 177, 64, "green"), "replace the background with a solid colour or green screen"),
        (new BackgroundGrayscaleOp(), "keep the person in colour on a black-and-white background"),
        (new OutfitRecolourOp(0), "recolour the person's outfit from a reference image"),
        (new OutfitColourOp(200, 30, 30, "red"), "recolour the person's outfit to a colour named in words or as a hex code"),
        (new FaceAnonymiseOp(FaceAnonymiseStyle.Blur), "blur or pixelate every face, near or far, tracked through the clip"),
    ];

    public bool CanRun(FrameOperation operation) => factories.Any(f => f.CanCreate(operation));

    /// <summary>"It can: …" — the list quoted by every UnsupportedEdit message.</summary>
    public string Describe()
    {
        const string Basic = "It can: apply the colour look (palette) of a reference image; place a reference image such as a logo "
            + "in a corner, at an edge or in the centre; make the video black-and-white or sepia/vintage; make it brighter or darker, "
            + "warmer or cooler; raise or lower the contrast or the saturation; blur the whole frame; mirror it horizontally; "
            + "add a vignette or film grain; fade in from or out to black; a day-for-night grade; a cartoon-style filter; "
            + "stabilise shaky footage, reduce noise or sharpen; speed up or slow down (0.25×–4×, sound pitch kept), play it backwards, "
            + "or keep or cut the first or last seconds; add a title or caption you write in quotes; "
            + "reframe a wide video to vertical 9:16, square 1:1, 3:4 or 4:3 following the person";
        var person = PersonEdits.Where(p => CanRun(p.Sample)).Select(p => p.Words).ToList();
        return person.Count == 0
            ? Basic + ". Person-aware edits (background replacement or blur, green screen, colour pop, outfit recolour) are not available on this server."
            : Basic + "; and, around the person: " + string.Join("; ", person) + ".";
    }

    public ApiErrorException CannotDo(IEnumerable<string> fragments, IReadOnlyCollection<string> unknownWords, IReadOnlyCollection<string> reasons,
        IReadOnlyCollection<string> readings)
    {
        var read = readings.Count == 0 ? "" : $" ({string.Join("; ", readings)}.)";
        var why = reasons.Count == 0 ? "" : $" ({string.Join("; ", reasons.Distinct())})";
        var unknown = unknownWords.Count == 0 ? "" : $" Words not understood: {Quote(unknownWords)}.";
        return Error($"The local engine cannot do this part of the instruction: {Quote(fragments)}{why}.{unknown}{read} {Describe()}");
    }

    public ApiErrorException NothingRecognised() =>
        Error($"The local engine found no edit it can perform in the instruction. {Describe()}");

    public ApiErrorException EmptyWithoutReference() =>
        Error($"The instruction is empty and there is no reference image to take a colour look from. {Describe()}");

    public ApiErrorException PersonUnavailable(IEnumerable<string> fragments) =>
        Error($"Person-aware edits are unavailable on this server (no person segmentation is installed), so it cannot do: {Quote(fragments)}. {Describe()}");

    public static ApiErrorException Error(string message) => new(ErrorCodes.UnsupportedEdit, message);

    private static string Quote(IEnumerable<string> fragments) =>
        string.Join(", ", fragments.Distinct().Select(f => $"\"{f}\""));
}
