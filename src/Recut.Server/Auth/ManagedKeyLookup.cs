using System.Collections.Concurrent;
using Recut.Tasks.Keys;

namespace Recut.Server.Auth;

/// <summary>
/// Finds managed keys by hash with a short cache, so an authenticated request does not cost a database read. The
/// cache is why a revocation (or a limit change) takes effect within <see cref="CacheFor"/>, not at once. Unknown
/// hashes are cached too, so a flood of bad keys cannot turn into a flood of queries; the cache is bounded.
/// </summary>
public sealed class ManagedKeyLookup(IApiKeyStore store, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>Past this many cached hashes the cache starts over: memory stays bounded whatever is presented.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    // A reference, replaced whole: readers on other threads never see a half-written answer.
    private AnyActiveAnswer _anyActive = new(false, DateTimeOffset.MinValue);

    /// <summary>
    /// Whether any managed key is active, read at most once per <see cref="CacheFor"/>: the development key's gate,
    /// so every request with it costs no query, and a key made by another process counts within seconds.
    /// </summary>
    public async ValueTask<bool> AnyActiveAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cached = _anyActive;
        if (cached.Until > now)
        {
            return cached.Any;
        }
        var any = await store.CountActiveAsync(ct) > 0;
        _anyActive = new AnyActiveAnswer(any, now + CacheFor);
        return any;
    }

    private sealed record AnyActiveAnswer(bool Any, DateTimeOffset Until);

    public async ValueTask<ApiKeyRecord?> FindAsync(string keyHash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(keyHash, out var hit) && hit.Until > now)
        {
            return hit.Key;
        }
        var key = await store.FindByHashAsync(keyHash, ct);
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }
        _cache[keyHash] = (key, now + CacheFor);
        return key;
    }
}
