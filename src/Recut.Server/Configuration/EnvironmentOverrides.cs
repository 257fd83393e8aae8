using System.Globalization;

namespace Recut.Server.Configuration;

/// <summary>Applies the RECUT_* environment names of API.md §8, which scripts outside the project rely on.</summary>
public static class EnvironmentOverrides
{
    public static void Apply(RecutOptions options, Func<string, string?>? getEnv = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        getEnv ??= Environment.GetEnvironmentVariable;
        if (getEnv("RECUT_API_KEYS") is { Length: > 0 } keys)
        {
            options.ApiKeys = string.IsNullOrEmpty(options.ApiKeys) ? keys : options.ApiKeys + "," + keys;
        }
        if (getEnv("RECUT_ALLOW_PRIVATE_FETCH") is { Length: > 0 } allow)
        {
            options.AllowPrivateFetch = allow.Equals("true", StringComparison.OrdinalIgnoreCase) || allow == "1";
        }
        if (getEnv("RECUT_ALLOW_PRIVATE_WEBHOOKS") is { Length: > 0 } allowHooks)
        {
            options.AllowPrivateWebhooks = allowHooks.Equals("true", StringComparison.OrdinalIgnoreCase) || allowHooks == "1";
        }
        if (getEnv("RECUT_DB") is { Length: > 0 } db)
        {
            options.Db = db;
        }
        if (getEnv("RECUT_DATA") is { Length: > 0 } data)
        {
            options.DataDirectory = data;
        }
        if (getEnv("RECUT_WORKERS") is { Length: > 0 } workers && int.TryParse(workers, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            options.Workers = n;
        }
        if (getEnv("RECUT_LEASE_SECONDS") is { Length: > 0 } lease && int.TryParse(lease, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0)
        {
            options.LeaseSeconds = l;
        }
    }
}
