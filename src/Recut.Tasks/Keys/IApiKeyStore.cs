namespace Recut.Tasks.Keys;

/// <summary>
/// Managed API keys, kept in the same database as the tasks so the task store's own SQL can read a key's limits
/// inside its transactions. Every change writes an audit row in the same transaction as the change.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Applies the shared schema's migrations (the same ones <see cref="ITaskStore.InitializeAsync"/> applies).</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>
    /// Makes a new key. The plaintext is in the answer and nowhere else; only its SHA-256 is stored.
    /// A name already used (even by a revoked key) → <see cref="ApiKeyNameTakenException"/>.
    /// </summary>
    Task<CreatedApiKey> CreateAsync(string name, ApiKeyLimits limits, string actor, CancellationToken ct);

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct);

    /// <summary>The key with this SHA-256 (lower-case hex), revoked or not; null when there is none.</summary>
    Task<ApiKeyRecord?> FindByHashAsync(string keyHash, CancellationToken ct);

    /// <summary>Keys not revoked: with any, the server makes no development key.</summary>
    Task<int> CountActiveAsync(CancellationToken ct);

    /// <summary>Revokes the key; false when it was revoked already (nothing changes, nothing is logged). Unknown name → <see cref="ApiKeyNotFoundException"/>.</summary>
    Task<bool> RevokeAsync(string name, string actor, CancellationToken ct);

    /// <summary>Replaces the key's limits (null = server default). Unknown name → <see cref="ApiKeyNotFoundException"/>; a revoked key → InvalidOperationException.</summary>
    Task<ApiKeyRecord> UpdateLimitsAsync(string name, ApiKeyLimits limits, string actor, CancellationToken ct);

    /// <summary>The newest <paramref name="limit"/> audit rows, newest first.</summary>
    Task<IReadOnlyList<ApiKeyAuditEntry>> ListAuditAsync(int limit, CancellationToken ct);
}

public sealed class ApiKeyNameTakenException(string name)
    : Exception($"An API key named '{name}' already exists (names of revoked keys stay taken).")
{
    public string Name { get; } = name;
}

public sealed class ApiKeyNotFoundException(string name) : Exception($"There is no API key named '{name}'.")
{
    public string Name { get; } = name;
}
