using Microsoft.Extensions.Options;

namespace Recut.Server.Configuration;

/// <summary>
/// Checks the settings once, before the host is built: a bad value (an unknown TimeZone made every query a 500)
/// stops start-up with one message naming the setting as an operator writes it, instead of failing requests later.
/// </summary>
public sealed class RecutOptionsValidation : IValidateOptions<RecutOptions>
{
    public ValidateOptionsResult Validate(string? name, RecutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <exception cref="OptionsValidationException">With every failure, each naming its setting.</exception>
    public static void ThrowIfInvalid(RecutOptions options)
    {
        var result = new RecutOptionsValidation().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RecutOptions), result.Failures);
        }
    }

    private static IEnumerable<string> Failures(RecutOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _))
        {
            yield return $"Recut__TimeZone: '{o.TimeZone}' is not a time zone this machine knows (use an IANA id such as Asia/Shanghai, or leave it unset for UTC)";
        }
        if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl)
            && !(Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"Recut__PublicBaseUrl: '{o.PublicBaseUrl}' is not an absolute http(s) URL";
        }
        if (string.IsNullOrWhiteSpace(o.DataDirectory))
        {
            yield return "RECUT_DATA / --data: the data folder must be set";
        }
        if (!(o.DashScope.CreateGateLeaseSeconds >= 1) || double.IsInfinity(o.DashScope.CreateGateLeaseSeconds))
        {
            // Renewed every third of it: below a second the renewals would hammer the database and a stall lose the gate.
            yield return $"Recut__DashScope__CreateGateLeaseSeconds: must be at least 1 (is {o.DashScope.CreateGateLeaseSeconds})";
        }
        foreach (var failure in ObjectStorageFailures(o))
        {
            yield return failure;
        }
        foreach (var (setting, value) in Positive(o))
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                yield return $"{setting}: must be greater than 0 (is {value})";
            }
        }
    }

    /// <summary>Minimum length of RECUT_SIGNING_SECRET: as strong as the 32 random bytes of the secret file.</summary>
    public const int MinSigningSecretLength = 32;

    private static IEnumerable<string> ObjectStorageFailures(RecutOptions o)
    {
        if (o.SigningSecret is { } secret && secret.Trim().Length < MinSigningSecretLength)
        {
            yield return $"RECUT_SIGNING_SECRET: must be at least {MinSigningSecretLength} characters (is {secret.Trim().Length}); e.g. `openssl rand -hex 32`";
        }
        var s3 = o.S3;
        var anySet = !string.IsNullOrWhiteSpace(s3.Endpoint) || !string.IsNullOrWhiteSpace(s3.AccessKey)
            || !string.IsNullOrWhiteSpace(s3.SecretKey) || !string.IsNullOrWhiteSpace(s3.Prefix);
        if (!s3.Enabled)
        {
            if (anySet)
            {
                yield return "RECUT_S3_BUCKET: must be set when other RECUT_S3_* settings are (without a bucket results and uploads stay in the data folder)";
            }
            yield break;
        }
        if (!string.IsNullOrWhiteSpace(s3.Endpoint)
            && !(Uri.TryCreate(s3.Endpoint, UriKind.Absolute, out var e) && (e.Scheme == Uri.UriSchemeHttp || e.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"RECUT_S3_ENDPOINT: '{s3.Endpoint}' is not an absolute http(s) URL";
        }
        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
        {
            yield return "RECUT_S3_ACCESS_KEY / RECUT_S3_SECRET_KEY: set both, or neither (the SDK's default credentials)";
        }
        if (s3.Prefix is { } prefix && !Recut.Media.Storage.ResultKey.IsValid(prefix.Trim().Trim('/')))
        {
            yield return $"RECUT_S3_PREFIX: '{prefix}' must be plain path segments (letters, digits, '-', '_', '.', separated by '/')";
        }
        if (string.IsNullOrWhiteSpace(o.SigningSecret) && Recut.Tasks.TaskStoreFactory.IsPostgres(o.ResolvedDb))
        {
            // PostgreSQL + S3 is the deployment with no shared folder: each process would make a secret file of its own
            // and refuse the result URLs and upload policies every other process signs.
            yield return "RECUT_SIGNING_SECRET: required with PostgreSQL and S3 (no shared folder): give every process the same secret of at least "
                + $"{MinSigningSecretLength} characters, or result URLs signed by one process are refused by the others";
        }
    }

    private static IEnumerable<(string Setting, double Value)> Positive(RecutOptions o) =>
    [
        ("RECUT_WORKERS / --workers", o.Workers),
        ("RECUT_LEASE_SECONDS", o.LeaseSeconds),
        ("Recut__MaxAttempts", o.MaxAttempts),
        ("Recut__RetentionHours", o.RetentionHours),
        ("Recut__ResultUrlHours", o.ResultUrlHours),
        ("Recut__ConcurrencyPerKey", o.ConcurrencyPerKey),
        ("Recut__SubmitsPerSecond", o.SubmitsPerSecond),
        ("Recut__QueriesPerSecond", o.QueriesPerSecond),
        ("Recut__FetchTimeoutSeconds", o.FetchTimeoutSeconds),
        ("Recut__EditTimeoutSeconds", o.EditTimeoutSeconds),
        ("Recut__WebhookTimeoutSeconds", o.WebhookTimeoutSeconds),
        ("Recut__WebhookConcurrencyPerEndpoint", o.WebhookConcurrencyPerEndpoint),
        ("Recut__WebhookRetryBaseSeconds", o.WebhookRetryBaseSeconds),
        ("Recut__WebhookRetryHours", o.WebhookRetryHours),
        ("Recut__WebhookDisableAfterHours", o.WebhookDisableAfterHours),
        ("Recut__WebhookPollMilliseconds", o.WebhookPollMilliseconds),
    ];
}
