namespace Recut.Engines.Local.Planning;

/// <summary>
/// Decides which reference image each edit uses. A named image ("image 2", "图2", "the second picture") wins; an
/// unnamed one takes the first image no other edit has claimed, in the order the edits were mentioned, so "give it the
/// colours of the reference image and put the logo top-right" with two images uses image 1 for the colours and image 2
/// for the logo. When every image is taken, an unnamed edit uses image 1.
/// </summary>
internal static class ReferenceAssigner
{
    public static int[] Assign(IReadOnlyList<Intent> intents, int referenceCount)
    {
        var result = new int[intents.Count];
        Array.Fill(result, -1);
        var claimed = new HashSet<int>();
        for (var i = 0; i < intents.Count; i++)
        {
            if (intents[i] is { NeedsReference: true, ExplicitReference: { } named })
            {
                RequireAny(intents[i], referenceCount);
                var index = named == Modifiers.LastReference ? referenceCount - 1 : named;
                if (index >= referenceCount)
                {
                    throw Capabilities.Error(
                        $"The instruction refers to reference image {index + 1} (\"{intents[i].Fragment}\"), but only {referenceCount} reference image{(referenceCount == 1 ? " was" : "s were")} given.");
                }
                result[i] = index;
                claimed.Add(index);
            }
        }
        for (var i = 0; i < intents.Count; i++)
        {
            if (intents[i] is { NeedsReference: true, ExplicitReference: null })
            {
                RequireAny(intents[i], referenceCount);
                var free = Enumerable.Range(0, referenceCount).Where(k => !claimed.Contains(k)).DefaultIfEmpty(0).First();
                result[i] = free;
                claimed.Add(free);
            }
        }
        return result;
    }

    private static void RequireAny(Intent intent, int referenceCount)
    {
        if (referenceCount == 0)
        {
            throw Capabilities.Error($"\"{intent.Fragment}\" needs a reference image, but none was given.");
        }
    }
}
