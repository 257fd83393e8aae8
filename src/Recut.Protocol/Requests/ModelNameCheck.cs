using System.Text;

namespace Recut.Protocol.Requests;

/// <summary>
/// Tells a near miss of <see cref="EditRequest.ModelId"/> from an unrelated model id, so that a ModelNotFound can
/// name the right id ("wan2.7-video-edit", "wan2.7-videoEdit", "happyhorse-1.0-video-edit" …).
/// </summary>
public static class ModelNameCheck
{
    private const string Target = "wan27videoedit";
    private const int MaxDistance = 3;

    public static bool IsNearMiss(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var normalized = Normalize(model);
        if (normalized.Length == 0)
        {
            return false;
        }
        // Any "video edit" model id was meant to be this one: Recut serves no other.
        return normalized.Contains("videoedit", StringComparison.Ordinal)
            || Levenshtein(normalized, Target) <= MaxDistance;
    }

    /// <summary>Lower case, letters and digits only: "Wan-2.7_VideoEdit" → "wan27videoedit".</summary>
    internal static string Normalize(string model)
    {
        var builder = new StringBuilder(model.Length);
        foreach (var c in model)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    internal static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
