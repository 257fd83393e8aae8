using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

internal enum IntentFamily { Person, Colour, Overlay, Global }

/// <summary>One edit asked for; <see cref="Build"/> makes the operation once its reference image is known.</summary>
internal sealed record Intent(IntentFamily Family, bool NeedsReference, int? ExplicitReference, Func<int, EditOperation> Build)
{
    public int Start { get; init; }
    public string Fragment { get; init; } = "";
}
