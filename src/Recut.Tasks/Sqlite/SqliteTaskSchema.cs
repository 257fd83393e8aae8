namespace Recut.Tasks.Sqlite;

/// <summary>
/// The task table's history. Times are UTC unix milliseconds; status holds the wire name (PENDING…).
/// Append new steps; never edit a released one.
/// </summary>
internal static class SqliteTaskSchema
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, """
            CREATE TABLE tasks (
                id               TEXT PRIMARY KEY,
                tenant_id        TEXT    NOT NULL,
                request_json     TEXT    NOT NULL,
                request_id       TEXT    NOT NULL,
                status           TEXT    NOT NULL,
                submit_time      INTEGER NOT NULL,
                scheduled_time   INTEGER,
                end_time         INTEGER,
                progress         INTEGER NOT NULL DEFAULT 0,
                actual_prompt    TEXT,
                error_code       TEXT,
                error_message    TEXT,
                result_key       TEXT,
                usage_json       TEXT,
                attempts         INTEGER NOT NULL DEFAULT 0,
                lease_token      TEXT,
                lease_owner      TEXT,
                lease_expires_at INTEGER,
                idempotency_key  TEXT,
                request_hash     TEXT,
                model_name       TEXT    NOT NULL
            );
            -- leasing scans runnable tasks oldest first
            CREATE INDEX ix_tasks_status_submit ON tasks (status, submit_time);
            -- listing a tenant's tasks in a time window, and counting its running ones
            CREATE INDEX ix_tasks_tenant_submit ON tasks (tenant_id, submit_time);
            -- the idempotency guarantee itself: concurrent creates with one key cannot both insert
            CREATE UNIQUE INDEX ux_tasks_tenant_idempotency ON tasks (tenant_id, idempotency_key)
                WHERE idempotency_key IS NOT NULL;
            """),
    ];
}
