namespace Recut.Tasks.Webhooks;

/// <summary>The webhook store on the database named by <c>RECUT_DB</c> (the task store's own; its migrations make the tables).</summary>
public static class WebhookStoreFactory
{
    public static WebhookStore Create(string db, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        ArgumentNullException.ThrowIfNull(time);
        return new WebhookStore(TaskStoreFactory.IsPostgres(db) ? WebhookDatabase.Postgres(db) : WebhookDatabase.Sqlite(db), time);
    }
}
