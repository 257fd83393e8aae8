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
    ];
}
