using Recut.Engines.Local.Planning.Lexicon;
using Recut.Engines.Local.Planning.Text;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Reads a whole instruction: concepts, clauses, each clause's edits and constraints, then what clauses tell each
/// other — an anchor or intensity in a clause of its own ("add the logo. bottom right", "…, just a little"), the
/// colour for a removed background ("cut out the background, then make it pure white"), a bare dimension sharing
/// its neighbour's direction ("提高饱和度和对比度"), a described problem and its "fix that".
/// </summary>
internal static class InstructionReader
{
    public static InstructionReading Read(string prompt)
    {
        var reading = new InstructionReading();
        var text = TextNormaliser.Normalise(prompt);
        var (masked, quotes) = QuotedText.Extract(text);
        var items = ConceptReader.Read(masked, quotes, reading.Notes);
        var clauses = ClauseSplitter.Split(items, text);
        var outcomes = new ClauseOutcome?[clauses.Count];

        for (var i = 0; i < clauses.Count; i++)
        {
            var clause = clauses[i];
            if (FollowOn.KindOf(clause) != FollowOnKind.None)
            {
                continue; // read once its neighbours are
            }
            var previous = i > 0 ? outcomes[i - 1] : null;
            var continuation = clause.Join == Join.Conjunction && !HasVerb(clause);
            var context = new ClauseContext(
                InheritComplaint: continuation && previous is { Complaint: true } && !NamesAnObject(clause),
                InheritBackground: continuation && i > 0 && clauses[i - 1].Has(Cat.Background) && !NamesAnObject(clause));
            outcomes[i] = ClauseReader.Read(clause, context);
        }
        FollowOn.Resolve(clauses, outcomes, reading);

        for (var i = 0; i < clauses.Count; i++)
        {
            Collect(clauses[i], outcomes[i], reading);
        }
        NoteNegations(items, reading);
        return reading;
    }

    private static void Collect(Clause clause, ClauseOutcome? outcome, InstructionReading reading)
    {
        if (outcome is not null)
        {
            reading.Requests.AddRange(outcome.Requests);
            reading.Protections.AddRange(outcome.Protections);
            reading.PersonInColour |= outcome.PersonInColour;
            if (outcome.Refusal is { } why)
            {
                reading.Refused.Add(clause.Text.Trim());
                reading.Reasons.Add(why);
                return;
            }
        }
        var left = clause.Unexplained;
        if (left.Count == 0)
        {
            return;
        }
        if ((outcome is null || outcome.Requests.Count == 0) && IsContext(clause, left))
        {
            foreach (var item in left)
            {
                item.Used = true;
            }
            reading.Notes.Add($"set aside as context: \"{clause.Text.Trim()}\"");
            return;
        }
        reading.Refused.Add(clause.Text.Trim());
        reading.UnknownWords.AddRange(left.Where(i => i.Cat == Cat.Unknown).Select(i => i.Text));
    }

    /// <summary>
    /// A statement about the video or the user ("this is for my sister's wedding", "I have a product video") that asks
    /// for no edit: it starts with its subject, has no verb of editing, and names nothing but words we do not know.
    /// </summary>
    private static bool IsContext(Clause clause, List<Item> left)
    {
        if (left.Any(i => i.Cat is not (Cat.Unknown or Cat.Number)) || HasVerb(clause) || clause.Has(Cat.Want))
        {
            return false;
        }
        var first = clause.Items.FirstOrDefault(i => i.Cat is not (Cat.Polite or Cat.Filler));
        return first is { Cat: Cat.Subject or Cat.Person } && first.Text.ToLowerInvariant() is not "it" and not "this" and not "that"
            || first is { Cat: Cat.Subject or Cat.Be } && clause.Has(Cat.Be);
    }

    public static bool HasVerb(Clause c) =>
        c.Items.Any(i => !i.Negated && i.Cat is Cat.Generic or Cat.Place or Cat.Replace or Cat.Remove or Cat.Use or Cat.Wear or Cat.Increase
            or Cat.Decrease or Cat.Grade or Cat.Fix or Cat.Off);

    private static bool NamesAnObject(Clause c) =>
        c.Items.Any(i => i.Cat is Cat.Frame or Cat.Person or Cat.Logo or Cat.Reference or Cat.Garment or Cat.Background
            || (i.Cat == Cat.Subject && i.Text.Equals("it", StringComparison.OrdinalIgnoreCase)));

    private static void NoteNegations(List<Item> items, InstructionReading reading)
    {
        var negated = items.Where(i => i.Negated && i.Sense.Demands && i.Cat is not (Cat.Generic or Cat.Touch or Cat.Replace or Cat.Place))
            .Select(i => i.Text).Distinct().ToList();
        if (negated.Count > 0)
        {
            reading.Notes.Add($"left out as negated: {string.Join(", ", negated.Select(n => $"\"{n}\""))}");
        }
    }
}
