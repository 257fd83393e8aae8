namespace Recut.Media.Fetching;

/// <summary>
/// Host names a fetch may reach, on top of the address policy: <c>cdn.example.com</c> matches that host only,
/// <c>*.example.com</c> any host below it (not example.com itself). For fetches whose URL comes from a party that is
/// trusted for some hosts only (the relay's upstream result links), so a compromised answer cannot point elsewhere.
/// </summary>
public sealed class HostAllowList
{
    private readonly string[] _exact;
    private readonly string[] _suffixes;

    public HostAllowList(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var cleaned = patterns.Select(p => p.Trim().TrimEnd('.').ToLowerInvariant()).Where(p => p.Length > 0).Distinct().ToList();
        _exact = cleaned.Where(p => !p.StartsWith("*.", StringComparison.Ordinal)).Select(Unbracket).ToArray();
        _suffixes = cleaned.Where(p => p.StartsWith("*.", StringComparison.Ordinal) && p.Length > 2).Select(p => p[1..]).ToArray();
        Patterns = cleaned;
    }

    public IReadOnlyList<string> Patterns { get; }

    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = Unbracket(url.IdnHost.TrimEnd('.').ToLowerInvariant());
        return _exact.Contains(host, StringComparer.Ordinal)
            || _suffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal) && host.Length > s.Length);
    }

    private static string Unbracket(string host) => host.Trim('[', ']');
}
