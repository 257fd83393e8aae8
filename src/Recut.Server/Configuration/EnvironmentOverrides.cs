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
        if (getEnv("RECUT_SIGNING_SECRET") is { Length: > 0 } secret)
        {
            options.SigningSecret = secret;
        }
        ApplyS3(options.S3, getEnv);
        if (getEnv("RECUT_WORKERS") is { Length: > 0 } workers && int.TryParse(workers, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            options.Workers = n;
        }
        if (getEnv("RECUT_LEASE_SECONDS") is { Length: > 0 } lease && int.TryParse(lease, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0)
        {
            options.LeaseSeconds = l;
        }
    }

    /// <summary>RECUT_S3_* (docs/OBJECT-STORAGE.md); each wins over its Recut__S3__* form.</summary>
    private static void ApplyS3(Recut.Media.Storage.S3.S3StorageOptions s3, Func<string, string?> getEnv)
    {
        s3.Endpoint = getEnv("RECUT_S3_ENDPOINT") is { Length: > 0 } endpoint ? endpoint : s3.Endpoint;
        s3.Bucket = getEnv("RECUT_S3_BUCKET") is { Length: > 0 } bucket ? bucket : s3.Bucket;
        s3.Region = getEnv("RECUT_S3_REGION") is { Length: > 0 } region ? region : s3.Region;
        s3.AccessKey = getEnv("RECUT_S3_ACCESS_KEY") is { Length: > 0 } access ? access : s3.AccessKey;
        s3.SecretKey = getEnv("RECUT_S3_SECRET_KEY") is { Length: > 0 } secret ? secret : s3.SecretKey;
        s3.Prefix = getEnv("RECUT_S3_PREFIX") is { Length: > 0 } prefix ? prefix : s3.Prefix;
        if (getEnv("RECUT_S3_PATH_STYLE") is { Length: > 0 } pathStyle)
        {
            s3.PathStyle = IsTrue(pathStyle);
        }
        if (getEnv("RECUT_S3_REDIRECT") is { Length: > 0 } redirect)
        {
            s3.Redirect = IsTrue(redirect);
        }
    }

    private static bool IsTrue(string value) => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1";
}
