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
        // Managed API keys live beside the tasks so the task SQL can read a key's limits in its own transaction.
        new(2, """
            CREATE TABLE api_keys (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                name            TEXT    NOT NULL UNIQUE,
                key_hash        TEXT    NOT NULL UNIQUE,
                tenant_id       TEXT    NOT NULL UNIQUE,
                prefix          TEXT    NOT NULL,
                created_at      INTEGER NOT NULL,
                revoked_at      INTEGER,
                rate_per_second INTEGER CHECK (rate_per_second > 0),
                max_running     INTEGER CHECK (max_running > 0),
                daily_quota     INTEGER CHECK (daily_quota > 0)
            );
            CREATE TABLE api_key_audit (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                at          INTEGER NOT NULL,
                actor       TEXT    NOT NULL,
                action      TEXT    NOT NULL CHECK (action IN ('create', 'revoke', 'update')),
                key_name    TEXT    NOT NULL,
                before_json TEXT,
                after_json  TEXT
            );
            -- tasks created per managed key per UTC day (yyyy-MM-dd): the daily quota's counter, charged in the
            -- create transaction; a counter rather than a count of tasks, so the retention sweep cannot reset it
            CREATE TABLE api_key_usage (
                tenant_id TEXT    NOT NULL,
                day       TEXT    NOT NULL,
                tasks     INTEGER NOT NULL,
                PRIMARY KEY (tenant_id, day)
            );
            """),
        // Per-key pending-queue cap and upload storage quota (null = the server's default, like the other limits).
        new(3, """
            ALTER TABLE api_keys ADD COLUMN max_pending INTEGER CHECK (max_pending > 0);
            ALTER TABLE api_keys ADD COLUMN upload_daily_mb INTEGER CHECK (upload_daily_mb > 0);
            ALTER TABLE api_keys ADD COLUMN upload_held_mb INTEGER CHECK (upload_held_mb > 0);
            -- the queue cap counts a tenant's PENDING tasks inside the create transaction
            CREATE INDEX ix_tasks_tenant_status ON tasks (tenant_id, status);
            -- fair leasing reads each waiting tenant's latest start (MAX(scheduled_time)) on every lease
            CREATE INDEX ix_tasks_tenant_scheduled ON tasks (tenant_id, scheduled_time);
            """),
        // The structured plan beside actual_prompt (output.plan).
        new(4, """
            ALTER TABLE tasks ADD COLUMN plan_json TEXT;
            """),
    ];
}
