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
        foreach (var (setting, value) in Positive(o))
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                yield return $"{setting}: must be greater than 0 (is {value})";
            }
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
