namespace Recut.Tasks.Postgres;

/// <summary>
/// The task table's history on PostgreSQL. Times are timestamptz (UTC, microseconds); status holds the wire
/// name (PENDING…). Tables live in the connection's first search-path schema, so several deployments (or
/// test runs) can share one database in separate schemas. Append new steps; never edit a released one.
/// </summary>
internal static class PostgresTaskSchema
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, """
            CREATE TABLE tasks (
                id               uuid        PRIMARY KEY,
                -- insertion order, the tie-break when two tasks share a submit time
                seq              bigint      GENERATED ALWAYS AS IDENTITY,
                tenant_id        text        NOT NULL,
                request_json     jsonb       NOT NULL,
                request_id       text        NOT NULL,
                status           text        NOT NULL
                    CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED')),
                submit_time      timestamptz NOT NULL,
                scheduled_time   timestamptz,
                end_time         timestamptz,
                progress         integer     NOT NULL DEFAULT 0,
                actual_prompt    text,
                error_code       text,
                error_message    text,
                result_key       text,
                usage_json       jsonb,
                attempts         integer     NOT NULL DEFAULT 0,
                lease_token      text,
                lease_owner      text,
                lease_expires_at timestamptz,
                idempotency_key  text,
                request_hash     text,
                model_name       text        NOT NULL,
                CHECK (status <> 'RUNNING' OR (lease_token IS NOT NULL AND lease_expires_at IS NOT NULL))
            );
            -- leasing walks the runnable tasks oldest first; finished history never enters this index
            CREATE INDEX ix_tasks_runnable ON tasks (submit_time, seq) WHERE status IN ('PENDING', 'RUNNING');
            -- counting a tenant's running tasks for its concurrency limit
            CREATE INDEX ix_tasks_running_tenant ON tasks (tenant_id) WHERE status = 'RUNNING';
            -- listing a tenant's tasks in a time window
            CREATE INDEX ix_tasks_tenant_submit ON tasks (tenant_id, submit_time);
            -- the retention sweep
            CREATE INDEX ix_tasks_submit ON tasks (submit_time);
            -- the idempotency guarantee itself: concurrent creates with one key cannot both insert
            CREATE UNIQUE INDEX ux_tasks_tenant_idempotency ON tasks (tenant_id, idempotency_key)
                WHERE idempotency_key IS NOT NULL;
            """),
        // Managed API keys live beside the tasks so the task SQL can read a key's limits in its own transaction.
        new(2, """
            CREATE TABLE api_keys (
                id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name            text        NOT NULL UNIQUE,
                key_hash        text        NOT NULL UNIQUE,
                tenant_id       text        NOT NULL UNIQUE,
                prefix          text        NOT NULL,
                created_at      timestamptz NOT NULL,
                revoked_at      timestamptz,
                rate_per_second integer     CHECK (rate_per_second > 0),
                max_running     integer     CHECK (max_running > 0),
                daily_quota     integer     CHECK (daily_quota > 0)
            );
            CREATE TABLE api_key_audit (
                id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at          timestamptz NOT NULL,
                actor       text        NOT NULL,
                action      text        NOT NULL CHECK (action IN ('create', 'revoke', 'update')),
                key_name    text        NOT NULL,
                before_json jsonb,
                after_json  jsonb
            );
            -- tasks created per managed key per UTC day: the daily quota's counter, charged in the create
            -- transaction; a counter rather than a count of tasks, so the retention sweep cannot reset it
            CREATE TABLE api_key_usage (
                tenant_id text    NOT NULL,
                day       date    NOT NULL,
                tasks     integer NOT NULL,
                PRIMARY KEY (tenant_id, day)
            );
            """),
        // Per-key pending-queue cap and upload storage quota (null = the server's default, like the other limits).
        new(3, """
            ALTER TABLE api_keys ADD COLUMN max_pending integer CHECK (max_pending > 0);
            ALTER TABLE api_keys ADD COLUMN upload_daily_mb integer CHECK (upload_daily_mb > 0);
            ALTER TABLE api_keys ADD COLUMN upload_held_mb integer CHECK (upload_held_mb > 0);
            -- the queue cap counts a tenant's PENDING tasks inside the create transaction
            CREATE INDEX ix_tasks_pending_tenant ON tasks (tenant_id) WHERE status = 'PENDING';
            -- fair leasing reads each waiting tenant's latest start (max(scheduled_time)) on every lease
            CREATE INDEX ix_tasks_tenant_scheduled ON tasks (tenant_id, scheduled_time);
            """),
        // The structured plan beside actual_prompt (output.plan).
        new(4, """
            ALTER TABLE tasks ADD COLUMN plan_json jsonb;
            """),
        // Webhooks (issue 15). The outbox rows are written by a trigger, so every state change and its event commit in
        // one statement whichever code path made the change (lease, completion, cancel, the exhausted sweep).
        // Times of the webhook tables are unix milliseconds, as on SQLite, so one ADO.NET store serves both;
        // created_at is the database's clock (one clock for every process); the dispatcher's decisions use its own.
        new(5, """
            ALTER TABLE tasks ADD COLUMN webhook_url text;
            ALTER TABLE tasks ADD COLUMN webhook_events text;
            -- the base URL the task was created under, for the video_url of an event (no request to take it from)
            ALTER TABLE tasks ADD COLUMN public_base text;
            CREATE TABLE webhook_settings (
                tenant_id       text   PRIMARY KEY,
                url             text,
                events          text   NOT NULL,
                secret          text   NOT NULL,
                previous_secret text,
                previous_until  bigint,
                updated_at      bigint NOT NULL
            );
            CREATE TABLE webhook_events (
                seq              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id               text    NOT NULL UNIQUE,
                task_id          uuid    NOT NULL,
                tenant_id        text    NOT NULL,
                event_type       text    NOT NULL,
                progress         integer NOT NULL,
                url              text    NOT NULL,
                public_base      text,
                created_at       bigint  NOT NULL,
                first_attempt_at bigint,
                next_attempt_at  bigint  NOT NULL DEFAULT 0,
                attempts         integer NOT NULL DEFAULT 0,
                claimed_by       text,
                claimed_until    bigint,
                delivered_at     bigint,
                dead_at          bigint,
                last_error       text
            );
            CREATE INDEX ix_webhook_events_due ON webhook_events (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
            CREATE INDEX ix_webhook_events_task ON webhook_events (task_id, seq);
            CREATE TABLE webhook_attempts (
                id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_seq   bigint  NOT NULL,
                at          bigint  NOT NULL,
                worker      text    NOT NULL,
                status_code integer,
                duration_ms integer NOT NULL,
                outcome     text    NOT NULL CHECK (outcome IN ('delivered', 'retry', 'dead')),
                error       text
            );
            CREATE INDEX ix_webhook_attempts_event ON webhook_attempts (event_seq);
            CREATE TABLE webhook_targets (
                tenant_id       text NOT NULL,
                url             text NOT NULL,
                failing_since   bigint,
                last_success_at bigint,
                disabled_at     bigint,
                PRIMARY KEY (tenant_id, url)
            );
            CREATE FUNCTION recut_task_webhook_event() RETURNS trigger LANGUAGE plpgsql AS $fn$
            DECLARE
                kind text;
            BEGIN
                IF NEW.status IS DISTINCT FROM OLD.status THEN
                    IF NEW.status NOT IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED') THEN
                        RETURN NULL;
                    END IF;
                    kind := lower(NEW.status);
                -- progress in steps of at least ten points (at most ten events a run), never the 100 of completion
                ELSIF NEW.status = 'RUNNING' AND NEW.progress > OLD.progress AND NEW.progress >= 10 AND NEW.progress < 100 THEN
                    kind := 'progress';
                ELSE
                    RETURN NULL;
                END IF;
                INSERT INTO webhook_events (id, task_id, tenant_id, event_type, progress, url, public_base, created_at)
                SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), NEW.id, NEW.tenant_id, 'task.' || kind, NEW.progress,
                       COALESCE(NEW.webhook_url, s.url), NEW.public_base,
                       (extract(epoch FROM clock_timestamp()) * 1000)::bigint
                FROM (SELECT 1) AS one LEFT JOIN webhook_settings s ON s.tenant_id = NEW.tenant_id
                WHERE COALESCE(NEW.webhook_url, s.url) IS NOT NULL
                  AND ',' || COALESCE(CASE WHEN NEW.webhook_url IS NOT NULL THEN NEW.webhook_events ELSE s.events END,
                                      'running,succeeded,failed,canceled') || ',' LIKE '%,' || kind || ',%'
                  AND (kind <> 'progress' OR NOT EXISTS (
                      SELECT 1 FROM webhook_events e
                      WHERE e.task_id = NEW.id AND e.event_type = 'task.progress' AND e.progress > NEW.progress - 10));
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER tasks_webhook_event AFTER UPDATE OF status, progress ON tasks
                FOR EACH ROW EXECUTE FUNCTION recut_task_webhook_event();
            """),
        // Relay state (issue 16): what the DashScope relay knows about each Recut task's upstream side, and the per-key
        // create gates, both in the task database instead of files and a flock in a shared folder. Times are unix
        // milliseconds as in the webhook tables, so one ADO.NET store serves both databases. No foreign key to tasks:
        // relay state outlives its task (JournalRetentionHours, 48 h, against the task's 24 h) so a late look-up still
        // sees every upstream task the deployment claimed.
        new(6, """
            CREATE TABLE relay_state (
                task_id           uuid   PRIMARY KEY,
                key_id            text   NOT NULL,
                create_started_at bigint,
                upstream_task_id  text,
                create_request_id text,
                uploads           jsonb  NOT NULL DEFAULT '{}',
                uploaded_at       bigint,
                updated_at        bigint NOT NULL,
                version           bigint NOT NULL
            );
            CREATE INDEX ix_relay_state_updated ON relay_state (updated_at);
            CREATE TABLE relay_create_gates (
                key_id     text   PRIMARY KEY,
                holder     text   NOT NULL,
                expires_at bigint NOT NULL
            );
            """),
    ];
}
