using Recut.Server.Auth;
using Recut.Server.Configuration;

namespace Recut.Server.Hosting;

/// <summary>Collects the accepted keys: RECUT_API_KEYS / configuration, else a development key made on first start.</summary>
public static class ApiKeys
{
    public static ApiKeyRing Resolve(RecutOptions options, Action<string>? announce)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = (options.ApiKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured.Length > 0)
        {
            return new ApiKeyRing(configured);
        }
        var (key, created) = DevelopmentKey.LoadOrCreate(options.DataDirectory);
        announce?.Invoke(created
            ? $"No API keys configured: created a development key (saved in {Path.Combine(options.DataDirectory, DevelopmentKey.FileName)}):\n  {key}"
            : $"Using the development key saved in {Path.Combine(options.DataDirectory, DevelopmentKey.FileName)}");
        return new ApiKeyRing([key]);
    }
}
