using System.Text.RegularExpressions;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>Families are matched in this order: earlier families claim their words first.</summary>
internal enum IntentFamily
{
    /// <summary>Person-aware edits ("blur the background" must not become a whole-frame blur).</summary>
    Person,
    /// <summary>Phrases that look like a supported edit but are not ("remove the logo").</summary>
    Unsupported,
    Colour,
    Overlay,
    Global,
}

/// <summary>One recognisable phrase and what it asks for.</summary>
internal sealed record IntentRule(IntentFamily Family, Regex Pattern, Func<RuleHit, Intent> Build);

/// <summary>
/// A rule's match with its surroundings: <see cref="Clause"/> is the clause it sits in, with other intents' words
/// blanked; positions in <see cref="MatchStart"/>/<see cref="MatchEnd"/> are relative to the clause.
/// </summary>
internal sealed record RuleHit(Match Match, string Clause, int MatchStart, int MatchEnd, IReadOnlyList<string> Neighbours)
{
    public double Intensity => Modifiers.Intensity(Clause);

    /// <summary>The anchor named in the clause, else in a neighbouring clause that asks for nothing itself.</summary>
    public Anchor? Anchor => Modifiers.FindAnchor(Clause) ?? Neighbours.Select(Modifiers.FindAnchor).FirstOrDefault(a => a is not null);

    public int? ExplicitReference => Modifiers.FindReference(Clause, MatchStart, MatchEnd);
}

/// <summary>What one recognised phrase asks for; <see cref="Build"/> makes the operation once its reference image is known.</summary>
internal sealed record Intent(IntentFamily Family, bool NeedsReference, int? ExplicitReference, Func<int, EditOperation>? Build)
{
    public int Start { get; init; }
    public int End { get; init; }
    public string Fragment { get; init; } = "";

    public bool IsUnsupported => Build is null;
}
