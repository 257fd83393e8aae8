namespace Recut.Engines.Local.Planning.Reading;

/// <summary>What the whole instruction asks for and keeps, how it was read, and what could not be placed.</summary>
internal sealed class InstructionReading
{
    public List<Request> Requests { get; } = [];
    public List<Protected> Protections { get; } = [];
    public bool PersonInColour { get; set; }
    /// <summary>How words were read: spelling, negation, complaints, context that was set aside.</summary>
    public List<string> Notes { get; } = [];
    /// <summary>Clauses (or reasons) the engine cannot do.</summary>
    public List<string> Refused { get; } = [];
    /// <summary>Why known words still cannot be done (e.g. a look aimed at the person alone).</summary>
    public List<string> Reasons { get; } = [];
    /// <summary>Words the lexicon does not know, quoted in the refusal.</summary>
    public List<string> UnknownWords { get; } = [];
}
