using Recut.Tasks.Postgres;
using Recut.Tasks.Sqlite;

namespace Recut.Tasks.Keys;

/// <summary>The key store on the same database as the task store (<c>RECUT_DB</c> / <c>--db</c>), chosen the same way.</summary>
public static class ApiKeyStoreFactory
{
    public static IApiKeyStore Create(string db, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        return TaskStoreFactory.IsPostgres(db) ? new PostgresApiKeyStore(db, time) : new SqliteApiKeyStore(db, time);
    }
}
