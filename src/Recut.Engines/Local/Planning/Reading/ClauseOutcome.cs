using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>What the neighbouring clauses tell a clause: a shared complaint or object, a follow-on intensity.</summary>
internal sealed record ClauseContext(bool InheritComplaint, bool InheritBackground);

/// <summary>What one clause asks for, keeps, or leaves unexplained.</summary>
internal sealed class ClauseOutcome
{
    public List<Request> Requests { get; } = [];
    public List<Protected> Protections { get; } = [];
    /// <summary>"Keep the person in colour": a black-and-white look elsewhere is meant for the background.</summary>
    public bool PersonInColour { get; set; }
    /// <summary>The clause describes a problem ("it's too bright"); a continuation shares that reading.</summary>
    public bool Complaint { get; set; }
    /// <summary>Dimensions named without a direction ("…和对比度"): they take one from a neighbour.</summary>
    public List<(GlobalLook Look, Item Item)> BareDimensions { get; } = [];
    /// <summary>Why the clause cannot be done even though its words are known (e.g. a look aimed at the person).</summary>
    public string? Refusal { get; set; }
}
