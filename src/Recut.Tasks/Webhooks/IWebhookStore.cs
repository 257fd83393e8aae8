namespace Recut.Tasks.Webhooks;

/// <summary>
/// The webhook side of the task store: the outbox the database triggers fill (one row an event), the delivery log,
/// each tenant's endpoint and signing secrets, and the health of each endpoint. Several processes may deliver from
/// one outbox: an event is claimed for a while before it is sent, and an expired claim is taken over, so a killed
/// deliverer loses nothing and an event is sent again at most a few times (receivers dedupe on its id).
/// </summary>
public interface IWebhookStore
{
    /// <summary>
    /// Claims up to <paramref name="max"/> due events for <paramref name="worker"/> until <paramref name="claimFor"/> from
    /// now, oldest first and at most one per task (a task's events go out in order). Events of a disabled endpoint
    /// are given up first.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(string worker, int max, TimeSpan claimFor, CancellationToken ct);

    /// <summary>The receiver answered 2xx: the event is done and its endpoint healthy.</summary>
    Task RecordDeliveredAsync(WebhookDelivery delivery, string worker, int statusCode, TimeSpan took, CancellationToken ct);

    /// <summary>
    /// The attempt failed: the event is due again at <paramref name="retryAt"/>, or given up when that is null.
    /// Marks the endpoint failing; one failing for <paramref name="disableAfter"/> with no success is disabled.
    /// True when this call disabled it.
    /// </summary>
    Task<bool> RecordFailedAsync(WebhookDelivery delivery, string worker, int? statusCode, string error, TimeSpan took,
        DateTimeOffset? retryAt, TimeSpan disableAfter, CancellationToken ct);

    /// <summary>The secrets that sign a tenant's deliveries, newest first; creates the first one when there is none.</summary>
    Task<IReadOnlyList<string>> SigningSecretsAsync(string tenantId, CancellationToken ct);

    /// <summary>A new secret for the tenant; the old one keeps signing beside it for <paramref name="overlap"/>.</summary>
    Task<string> RotateSecretAsync(string tenantId, TimeSpan overlap, CancellationToken ct);

    /// <summary>
    /// Sets (or with a null URL clears) the tenant's default endpoint and its event filter, and re-enables that
    /// endpoint. Returns the tenant's first secret when this call created it (shown once), else null.
    /// </summary>
    Task<string?> SetEndpointAsync(string tenantId, string? url, string events, CancellationToken ct);

    /// <summary>The tenant's default endpoint settings, or null when it has none.</summary>
    Task<WebhookEndpoint?> GetEndpointAsync(string tenantId, CancellationToken ct);

    /// <summary>Delivery attempts, newest first.</summary>
    Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(WebhookLogQuery query, CancellationToken ct);

    /// <summary>A task's events, oldest first.</summary>
    Task<IReadOnlyList<WebhookEventRecord>> ListEventsAsync(Guid taskId, CancellationToken ct);

    /// <summary>Every endpoint with a known health, or only the disabled ones.</summary>
    Task<IReadOnlyList<WebhookTarget>> ListTargetsAsync(bool disabledOnly, CancellationToken ct);

    /// <summary>Re-enables a disabled endpoint; false when it was not disabled.</summary>
    Task<bool> EnableTargetAsync(string tenantId, string url, CancellationToken ct);

    /// <summary>Deletes finished (delivered or given-up) events created before the cutoff, with their attempts.</summary>
    Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct);
}
