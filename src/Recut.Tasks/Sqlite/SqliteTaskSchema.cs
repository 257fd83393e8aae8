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
        // Webhooks (issue 15). The outbox rows are written by triggers, so every state change and its event commit in
        // one statement whichever code path made the change (lease, completion, cancel, the exhausted sweep).
        // created_at is the database's clock (one clock for every process); the dispatcher's decisions use its own.
        new(5, """
            ALTER TABLE tasks ADD COLUMN webhook_url TEXT;
            ALTER TABLE tasks ADD COLUMN webhook_events TEXT;
            -- the base URL the task was created under, for the video_url of an event (no request to take it from)
            ALTER TABLE tasks ADD COLUMN public_base TEXT;
            CREATE TABLE webhook_settings (
                tenant_id       TEXT    PRIMARY KEY,
                url             TEXT,
                events          TEXT    NOT NULL,
                secret          TEXT    NOT NULL,
                previous_secret TEXT,
                previous_until  INTEGER,
                updated_at      INTEGER NOT NULL
            );
            CREATE TABLE webhook_events (
                seq              INTEGER PRIMARY KEY AUTOINCREMENT,
                id               TEXT    NOT NULL UNIQUE,
                task_id          TEXT    NOT NULL,
                tenant_id        TEXT    NOT NULL,
                event_type       TEXT    NOT NULL,
                progress         INTEGER NOT NULL,
                url              TEXT    NOT NULL,
                public_base      TEXT,
                created_at       INTEGER NOT NULL,
                first_attempt_at INTEGER,
                next_attempt_at  INTEGER NOT NULL DEFAULT 0,
                attempts         INTEGER NOT NULL DEFAULT 0,
                claimed_by       TEXT,
                claimed_until    INTEGER,
                delivered_at     INTEGER,
                dead_at          INTEGER,
                last_error       TEXT
            );
            CREATE INDEX ix_webhook_events_due ON webhook_events (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
            CREATE INDEX ix_webhook_events_task ON webhook_events (task_id, seq);
            CREATE TABLE webhook_attempts (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                event_seq   INTEGER NOT NULL,
                at          INTEGER NOT NULL,
                worker      TEXT    NOT NULL,
                status_code INTEGER,
                duration_ms INTEGER NOT NULL,
                outcome     TEXT    NOT NULL CHECK (outcome IN ('delivered', 'retry', 'dead')),
                error       TEXT
            );
            CREATE INDEX ix_webhook_attempts_event ON webhook_attempts (event_seq);
            CREATE TABLE webhook_targets (
                tenant_id       TEXT NOT NULL,
                url             TEXT NOT NULL,
                failing_since   INTEGER,
                last_success_at INTEGER,
                disabled_at     INTEGER,
                PRIMARY KEY (tenant_id, url)
            );
            CREATE TRIGGER tasks_webhook_state AFTER UPDATE OF status ON tasks
            WHEN NEW.status <> OLD.status AND NEW.status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED')
            BEGIN
                INSERT INTO webhook_events (id, task_id, tenant_id, event_type, progress, url, public_base, created_at)
                SELECT 'msg_' || lower(hex(randomblob(16))), NEW.id, NEW.tenant_id, 'task.' || lower(NEW.status), NEW.progress,
                       COALESCE(NEW.webhook_url, s.url), NEW.public_base,
                       CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)
                FROM (SELECT 1) AS one LEFT JOIN webhook_settings s ON s.tenant_id = NEW.tenant_id
                WHERE COALESCE(NEW.webhook_url, s.url) IS NOT NULL
                  AND ',' || COALESCE(CASE WHEN NEW.webhook_url IS NOT NULL THEN NEW.webhook_events ELSE s.events END,
                                      'running,succeeded,failed,canceled') || ',' LIKE '%,' || lower(NEW.status) || ',%';
            END;
            -- progress in steps of at least ten points (at most ten events a run), never the 100 of completion
            CREATE TRIGGER tasks_webhook_progress AFTER UPDATE OF progress ON tasks
            WHEN NEW.status = 'RUNNING' AND OLD.status = 'RUNNING' AND NEW.progress > OLD.progress
                 AND NEW.progress >= 10 AND NEW.progress < 100
            BEGIN
                INSERT INTO webhook_events (id, task_id, tenant_id, event_type, progress, url, public_base, created_at)
                SELECT 'msg_' || lower(hex(randomblob(16))), NEW.id, NEW.tenant_id, 'task.progress', NEW.progress,
                       COALESCE(NEW.webhook_url, s.url), NEW.public_base,
                       CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)
                FROM (SELECT 1) AS one LEFT JOIN webhook_settings s ON s.tenant_id = NEW.tenant_id
                WHERE COALESCE(NEW.webhook_url, s.url) IS NOT NULL
                  AND ',' || COALESCE(CASE WHEN NEW.webhook_url IS NOT NULL THEN NEW.webhook_events ELSE s.events END,
                                      'running,succeeded,failed,canceled') || ',' LIKE '%,progress,%'
                  AND NOT EXISTS (SELECT 1 FROM webhook_events e
                                  WHERE e.task_id = NEW.id AND e.event_type = 'task.progress' AND e.progress > NEW.progress - 10);
            END;
            """),
        // Relay state (issue 16): what the DashScope relay knows about each Recut task's upstream side, and the per-key
        // create gates, both in the task database instead of files and a flock in a shared folder. Times are unix
        // milliseconds as in the webhook tables, so one ADO.NET store serves both databases. No foreign key to tasks:
        // relay state outlives its task (JournalRetentionHours, 48 h, against the task's 24 h) so a late look-up still
        // sees every upstream task the deployment claimed.
        new(6, """
            CREATE TABLE relay_state (
                task_id           TEXT    PRIMARY KEY,
                key_id            TEXT    NOT NULL,
                create_started_at INTEGER,
                upstream_task_id  TEXT,
                create_request_id TEXT,
                uploads           TEXT    NOT NULL DEFAULT '{}',
                uploaded_at       INTEGER,
                updated_at        INTEGER NOT NULL,
                version           INTEGER NOT NULL
            );
            CREATE INDEX ix_relay_state_updated ON relay_state (updated_at);
            CREATE TABLE relay_create_gates (
                key_id     TEXT    PRIMARY KEY,
                holder     TEXT    NOT NULL,
                expires_at INTEGER NOT NULL
            );
            """),
    ];
}
