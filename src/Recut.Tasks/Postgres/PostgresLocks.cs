namespace Recut.Tasks.Postgres;

/// <summary>
/// Advisory-lock keys, as SQL expressions. The first key names the purpose and the schema the store works in
/// (so deployments or test runs sharing a server in different schemas never block each other); the second
/// narrows it (a tenant, or 0). hashtext collisions only make two unrelated holders wait for each other.
/// </summary>
internal static class PostgresLocks
{
    /// <summary>Held while migrations run: processes starting together apply each step once.</summary>
    public const string Migrate = "pg_advisory_xact_lock(hashtext('recut.migrate.' || coalesce(current_schema(), '')), 0)";

    /// <summary>Tried by the retention sweep: one process at a time; the others skip their turn.</summary>
    public const string TryRetention = "pg_try_advisory_xact_lock(hashtext('recut.retention.' || coalesce(current_schema(), '')), 0)";

    /// <summary>Held from a create's pending count to its commit, when only the per-tenant queue cap applies (parameter <c>@tenant</c>).</summary>
    public const string CreateTenant = "pg_advisory_xact_lock(hashtext('recut.create.' || coalesce(current_schema(), '')), hashtext(@tenant))";

    /// <summary>Held from a create's pending count to its commit when a service-wide queue cap applies.</summary>
    public const string CreateAll = "pg_advisory_xact_lock(hashtext('recut.create.' || coalesce(current_schema(), '')), 0)";

    /// <summary>Held while a tenant's running tasks are counted and one more is leased (parameter <c>@tenant</c>).</summary>
    public const string TenantLease = "pg_advisory_xact_lock(hashtext('recut.lease.' || coalesce(current_schema(), '')), hashtext(@tenant))";
}
