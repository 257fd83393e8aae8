using Recut.Tasks.Keys;

namespace Recut.Server.Auth;

/// <summary>
/// The keys this server accepts. A key is never stored or logged as such: tasks carry the tenant id,
/// a hash of the key, so a leaked database does not leak keys.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly Dictionary<string, string> _tenantByKeyHash = new(StringComparer.Ordinal);

    /// <param name="isDevelopmentKey">
    /// The ring holds only the generated development key, which stands in while no managed key exists: the caller
    /// identity stops accepting it as soon as one does (see <see cref="CallerIdentity"/>).
    /// </param>
    public ApiKeyRing(IEnumerable<string> keys, bool isDevelopmentKey = false)
    {
        ArgumentNullException.ThrowIfNull(keys);
        IsDevelopmentKey = isDevelopmentKey;
        foreach (var key in keys.Select(k => k.Trim()).Where(k => k.Length > 0))
        {
            var hash = Hash(key);
            _tenantByKeyHash[hash] = ApiKeyMaterial.TenantOfHash(hash);
        }
    }

    public int Count => _tenantByKeyHash.Count;

    /// <summary>True when this ring is the development key, accepted only while there are no managed keys.</summary>
    public bool IsDevelopmentKey { get; }

    /// <summary>The tenant id of a presented key, or null when the key is unknown.</summary>
    public string? TenantOf(string presentedKey) =>
        _tenantByKeyHash.TryGetValue(Hash(presentedKey), out var tenant) ? tenant : null;

    /// <summary>The same hash managed keys are stored under, so one key string is one tenant either way.</summary>
    public static string Hash(string key) => ApiKeyMaterial.Hash(key);
}
