namespace Recut.Protocol.Webhooks;

/// <summary>
/// The events a webhook can subscribe to and how a subscription is written. A filter is stored as the short names
/// joined by commas ("running,succeeded"), which is also what the database triggers match against.
/// </summary>
public static class WebhookEvents
{
    public const string Running = "task.running";
    public const string Progress = "task.progress";
    public const string Succeeded = "task.succeeded";
    public const string Failed = "task.failed";
    public const string Canceled = "task.canceled";

    /// <summary>Short names in the order they are stored.</summary>
    public static readonly IReadOnlyList<string> Names = ["running", "progress", "succeeded", "failed", "canceled"];

    /// <summary>
    /// What a webhook receives when no filter is given: every change of state. Progress is opt-in because it is the
    /// chatty one (up to ten a run).
    /// </summary>
    public const string DefaultFilter = "running,succeeded,failed,canceled";

    /// <summary>What the words a caller may use accept: the short names, the full event types, and "completed".</summary>
    public const string Accepted = "running, progress, succeeded, failed, canceled, completed (= succeeded, failed, canceled), or task.<name>";

    /// <summary>
    /// The stored form of a filter, or null with the first word that is not an event. An empty list is the default
    /// filter. "completed" stands for every final state, as in Replicate's filter of the same name.
    /// </summary>
    public static string? Normalize(IEnumerable<string> words, out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(words);
        unknown = null;
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in words)
        {
            var word = raw.Trim().ToLowerInvariant();
            if (word.Length == 0)
            {
                continue;
            }
            if (word.StartsWith("task.", StringComparison.Ordinal))
            {
                word = word["task.".Length..];
            }
            if (word is "completed" or "final")
            {
                chosen.UnionWith(["succeeded", "failed", "canceled"]);
            }
            else if (word is "cancelled")
            {
                chosen.Add("canceled");
            }
            else if (Names.Contains(word))
            {
                chosen.Add(word);
            }
            else
            {
                unknown = raw;
                return null;
            }
        }
        return chosen.Count == 0 ? DefaultFilter : string.Join(',', Names.Where(chosen.Contains));
    }

    /// <summary>Splits a comma list ("completed,failed") and normalises it.</summary>
    public static string? Normalize(string commaList, out string? unknown) =>
        Normalize((commaList ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out unknown);

    /// <summary>The event type ("task.succeeded") of a stored short name.</summary>
    public static string TypeOf(string name) => "task." + name;
}
