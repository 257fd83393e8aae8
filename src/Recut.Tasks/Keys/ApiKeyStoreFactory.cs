using Recut.Tasks.Sql;

namespace Recut.Tasks.Keys;

/// <summary>The key store on the same database as the task store (<c>RECUT_DB</c> / <c>--db</c>), chosen the same way.</summary>
public static class ApiKeyStoreFactory
{
    /// <summary>A key store with a database (and pool) of its own, closed with it: for a command that needs only keys.</summary>
    public static SqlApiKeyStore Create(string db, TimeProvider time) => new(SqlProvider.Open(db), time, ownsDatabase: true);
}
