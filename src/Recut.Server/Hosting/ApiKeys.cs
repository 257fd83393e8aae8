using Recut.Server.Auth;
using Recut.Server.Configuration;

namespace Recut.Server.Hosting;

/// <summary>
/// Collects the static keys: RECUT_API_KEYS / configuration; else, when no managed key exists either, a development
/// key made on first start. Once managed keys exist the development key is neither made nor accepted: an operator
/// who has created real keys should not find a forgotten dev key still opening the door. A key created while the
/// server runs retires the development key within <see cref="ManagedKeyLookup.CacheFor"/> (CallerIdentity checks).
/// </summary>
public static class ApiKeys
{
    public static ApiKeyRing Resolve(RecutOptions options, int activeManagedKeys, Action<string>? announce)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = (options.ApiKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured.Length > 0)
        {
            return new ApiKeyRing(configured);
        }
        var devKeyFile = Path.Combine(options.DataDirectory, DevelopmentKey.FileName);
        if (activeManagedKeys > 0)
        {
            announce?.Invoke($"Accepting {activeManagedKeys} managed API key(s) (recut keys list)"
                + (File.Exists(devKeyFile) ? $"; the development key in {devKeyFile} is no longer accepted" : ""));
            return new ApiKeyRing([]);
        }
        var (key, created) = DevelopmentKey.LoadOrCreate(options.DataDirectory);
        announce?.Invoke(created
            ? $"No API keys configured: created a development key (saved in {devKeyFile}):\n  {key}"
            : $"Using the development key saved in {devKeyFile}");
        return new ApiKeyRing([key], isDevelopmentKey: true);
    }
}
