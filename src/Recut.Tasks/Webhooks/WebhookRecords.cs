namespace Recut.Tasks.Webhooks;

/// <summary>One claimed event, with what its delivery needs.</summary>
public sealed record WebhookDelivery(
    long Seq,
    /// <summary>The <c>webhook-id</c>: the same on every attempt, so receivers can dedupe.</summary>
    string EventId,
    Guid TaskId,
    string TenantId,
    string EventType,
    int Progress,
    string Url,
    string? PublicBase,
    DateTimeOffset CreatedAt,
    DateTimeOffset FirstAttemptAt,
    /// <summary>Attempts made before this one.</summary>
    int Attempts);

/// <summary>A tenant's default endpoint (its secret is never read back).</summary>
public sealed record WebhookEndpoint(string TenantId, string? Url, string Events, DateTimeOffset UpdatedAt, DateTimeOffset? PreviousSecretValidUntil);

/// <summary>One attempt to deliver one event.</summary>
public sealed record WebhookAttempt(
    long Id,
    string EventId,
    Guid TaskId,
    string TenantId,
    string EventType,
    string Url,
    DateTimeOffset At,
    string Worker,
    int? StatusCode,
    int DurationMs,
    /// <summary>delivered, retry (due again later) or dead (given up).</summary>
    string Outcome,
    string? Error);

/// <summary>One event in the outbox and where it stands.</summary>
public sealed record WebhookEventRecord(
    string EventId,
    Guid TaskId,
    string EventType,
    int Progress,
    string Url,
    DateTimeOffset CreatedAt,
    int Attempts,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? DeadAt,
    string? LastError);

/// <summary>An endpoint's health: failing since its first failure after its last success; disabled after a day of it.</summary>
public sealed record WebhookTarget(string TenantId, string Url, DateTimeOffset? FailingSince, DateTimeOffset? LastSuccessAt, DateTimeOffset? DisabledAt);

/// <summary>Which attempts <see cref="IWebhookStore.ListAttemptsAsync"/> returns.</summary>
public sealed record WebhookLogQuery(string? TenantId = null, Guid? TaskId = null, int Limit = 50);
