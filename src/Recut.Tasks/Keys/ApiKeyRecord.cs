namespace Recut.Tasks.Keys;

/// <summary>A managed API key as stored: never the key itself, only its hash (kept out of this record) and a prefix to recognise it.</summary>
public sealed record ApiKeyRecord
{
    /// <summary>Unique, chosen by the operator; stays taken after revocation so the audit log is unambiguous.</summary>
    public required string Name { get; init; }
    /// <summary>The tenant its tasks belong to: "t_" + the first 24 hex of the key's SHA-256, as for static keys.</summary>
    public required string TenantId { get; init; }
    /// <summary>The key's first characters, for telling keys apart in listings.</summary>
    public required string Prefix { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public required ApiKeyLimits Limits { get; init; }
    /// <summary>Tasks created today (UTC) with this key, as counted for the daily quota.</summary>
    public int TasksToday { get; init; }

    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>The answer to a create: the record and the plaintext key, which exists only here and is never stored.</summary>
public sealed record CreatedApiKey(ApiKeyRecord Record, string Key);
