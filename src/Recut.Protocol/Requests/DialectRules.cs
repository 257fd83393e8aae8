namespace Recut.Protocol.Requests;

/// <summary>The create-request rules that differ between the dialects (API.md §3).</summary>
public sealed record DialectRules(
    Dialect Dialect,
    int MinReferenceImages,
    int MaxReferenceImages,
    bool PromptRequired,
    string DefaultResolution)
{
    public static readonly DialectRules DashScope = new(Dialect.DashScope, 0, 4, PromptRequired: false, "1080P");
    public static readonly DialectRules Apiyi = new(Dialect.Apiyi, 1, 5, PromptRequired: true, "720P");

    public static DialectRules For(Dialect dialect) => dialect switch
    {
        Dialect.DashScope => DashScope,
        Dialect.Apiyi => Apiyi,
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "unknown dialect"),
    };
}
