namespace Recut.Tasks.Keys;

/// <summary>One change to a managed key: who, when, what, and the key's state before and after (JSON, never the hash).</summary>
public sealed record ApiKeyAuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string KeyName,
    string? BeforeJson,
    string? AfterJson);

/// <summary>The audit log's action names.</summary>
public static class ApiKeyActions
{
    public const string Create = "create";
    public const string Revoke = "revoke";
    public const string Update = "update";
}
