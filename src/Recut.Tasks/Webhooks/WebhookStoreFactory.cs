using Recut.Tasks.Sql;

namespace Recut.Tasks.Webhooks;

/// <summary>The webhook store on the database named by <c>RECUT_DB</c> (the task store's own; its migrations make the tables).</summary>
public static class WebhookStoreFactory
{
    /// <summary>A webhook store with a database (and pool) of its own, closed with it: for a command that needs only webhooks.</summary>
    public static WebhookStore Create(string db, TimeProvider time) => new(SqlProvider.Open(db), time, ownsDatabase: true);
}
