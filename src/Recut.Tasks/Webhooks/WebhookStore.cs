using System.Data.Common;
using Recut.Protocol.Webhooks;
using Recut.Tasks.Sql;

namespace Recut.Tasks.Webhooks;

/// <summary>
/// <see cref="IWebhookStore"/> on the task store's own database, SQLite or PostgreSQL (<see cref="SqlProvider"/>).
/// Every write is one transaction; claims are compare-and-set updates that re-check the claim in their WHERE, so two
/// processes racing for one event cannot both take it (PostgreSQL re-evaluates the condition on the locked row,
/// SQLite has one writer at a time).
/// </summary>
public sealed class WebhookStore : SqlStore, IWebhookStore
{
    private const string EventColumns =
        "seq, id, task_id, tenant_id, event_type, progress, url, public_base, created_at, first_attempt_at, attempts";

    public WebhookStore(SqlProvider db, TimeProvider time, bool ownsDatabase = false)
        : base(db, time, ownsDatabase)
    {
    }

    private long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(string worker, int max, TimeSpan claimFor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var now = Now;
        await using var connection = await Db.OpenAsync(ct);
        await using (var abandon = connection.Command("""
            UPDATE webhook_events SET dead_at = @now, last_error = 'The endpoint is disabled after a day of failed deliveries.'
            WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @now
              AND EXISTS (SELECT 1 FROM webhook_targets t
                          WHERE t.tenant_id = webhook_events.tenant_id AND t.url = webhook_events.url AND t.disabled_at IS NOT NULL);
            """).WithLong("@now", now))
        {
            await abandon.ExecuteNonQueryAsync(ct);
        }

        // The inner pick may name an event another process claims first; the outer WHERE re-checks, so it is skipped.
        await using var claim = connection.Command($"""
            UPDATE webhook_events
            SET claimed_by = @worker, claimed_until = @until, first_attempt_at = COALESCE(first_attempt_at, @now)
            WHERE seq IN (
                    SELECT e.seq FROM webhook_events e
                    WHERE e.delivered_at IS NULL AND e.dead_at IS NULL AND e.next_attempt_at <= @now
                      AND (e.claimed_until IS NULL OR e.claimed_until < @now)
                      AND NOT EXISTS (SELECT 1 FROM webhook_events o
                                      WHERE o.task_id = e.task_id AND o.seq < e.seq AND o.delivered_at IS NULL AND o.dead_at IS NULL)
                    ORDER BY e.next_attempt_at, e.seq
                    LIMIT @max)
              AND delivered_at IS NULL AND dead_at IS NULL AND (claimed_until IS NULL OR claimed_until < @now)
            RETURNING {EventColumns};
            """).WithText("@worker", worker).WithLong("@until", now + (long)claimFor.TotalMilliseconds)
            .WithLong("@now", now).WithInt("@max", max);
        var claimed = new List<WebhookDelivery>();
        await using var reader = await claim.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new WebhookDelivery(
                reader.GetInt64(0), reader.GetString(1), Db.ReadId(reader, 2), reader.GetString(3),
                reader.GetString(4), reader.GetInt32(5), reader.GetString(6), reader.NullableString(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)), reader.GetInt32(10))); // the claim set first_attempt_at
        }
        claimed.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return claimed;
    }

    public async Task RecordDeliveredAsync(WebhookDelivery delivery, string worker, int statusCode, TimeSpan took, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var now = Now;
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(tx, """
            UPDATE webhook_events
            SET delivered_at = @now, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL, last_error = NULL
            WHERE seq = @seq AND delivered_at IS NULL;
            """, c => c.WithLong("@now", now).WithLong("@seq", delivery.Seq), ct);
        await InsertAttemptAsync(connection, tx, delivery, worker, now, statusCode, took, "delivered", null, ct);
        await connection.ExecuteAsync(tx, """
            INSERT INTO webhook_targets (tenant_id, url, last_success_at) VALUES (@tenant, @url, @now)
            ON CONFLICT (tenant_id, url) DO UPDATE SET last_success_at = @now, failing_since = NULL;
            """, c => c.WithText("@tenant", delivery.TenantId).WithText("@url", delivery.Url).WithLong("@now", now), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<bool> RecordFailedAsync(WebhookDelivery delivery, string worker, int? statusCode, string error, TimeSpan took,
        DateTimeOffset? retryAt, TimeSpan disableAfter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var now = Now;
        var message = Truncate(error, 500);
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(tx, """
            UPDATE webhook_events
            SET attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL, last_error = @error,
                next_attempt_at = @next, dead_at = @dead
            WHERE seq = @seq AND delivered_at IS NULL;
            """, c => c.WithText("@error", message).WithLong("@next", retryAt?.ToUnixTimeMilliseconds() ?? now)
                .WithLong("@dead", retryAt is null ? now : null).WithLong("@seq", delivery.Seq), ct);
        await InsertAttemptAsync(connection, tx, delivery, worker, now, statusCode, took, retryAt is null ? "dead" : "retry", message, ct);
        await connection.ExecuteAsync(tx, """
            INSERT INTO webhook_targets (tenant_id, url, failing_since) VALUES (@tenant, @url, @now)
            ON CONFLICT (tenant_id, url) DO UPDATE SET failing_since = COALESCE(webhook_targets.failing_since, @now);
            """, c => c.WithText("@tenant", delivery.TenantId).WithText("@url", delivery.Url).WithLong("@now", now), ct);
        var disabled = await connection.ExecuteAsync(tx, """
            UPDATE webhook_targets SET disabled_at = @now
            WHERE tenant_id = @tenant AND url = @url AND disabled_at IS NULL AND failing_since <= @cutoff;
            """, c => c.WithLong("@now", now).WithText("@tenant", delivery.TenantId).WithText("@url", delivery.Url)
                .WithLong("@cutoff", now - (long)disableAfter.TotalMilliseconds), ct);
        await tx.CommitAsync(ct);
        return disabled == 1;
    }

    public async Task<IReadOnlyList<string>> SigningSecretsAsync(string tenantId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var now = Now;
        await using var connection = await Db.OpenAsync(ct);
        // Every delivery asks; only a tenant's first one writes (a write per delivery would queue on SQLite's one writer).
        if (await ReadSecretsAsync(connection, tenantId, now, ct) is { } existing)
        {
            return existing;
        }
        await using (var create = connection.Command("""
            INSERT INTO webhook_settings (tenant_id, url, events, secret, updated_at) VALUES (@tenant, NULL, @events, @secret, @now)
            ON CONFLICT (tenant_id) DO NOTHING;
            """).WithText("@tenant", tenantId).WithText("@events", WebhookEvents.DefaultFilter)
            .WithText("@secret", StandardWebhook.NewSecret()).WithLong("@now", now))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        return await ReadSecretsAsync(connection, tenantId, now, ct)
            ?? throw new InvalidOperationException($"The webhook settings of tenant {tenantId} vanished while being read.");
    }

    private static async Task<IReadOnlyList<string>?> ReadSecretsAsync(DbConnection connection, string tenantId, long now, CancellationToken ct)
    {
        await using var read = connection.Command(
            "SELECT secret, previous_secret, previous_until FROM webhook_settings WHERE tenant_id = @tenant;").WithText("@tenant", tenantId);
        await using var reader = await read.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var secrets = new List<string> { reader.GetString(0) };
        if (reader.NullableString(1) is { } previous && reader.NullableLong(2) is { } until && until > now)
        {
            secrets.Add(previous);
        }
        return secrets;
    }

    public async Task<string> RotateSecretAsync(string tenantId, TimeSpan overlap, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var now = Now;
        var secret = StandardWebhook.NewSecret();
        await using var connection = await Db.OpenAsync(ct);
        await using var rotate = connection.Command("""
            INSERT INTO webhook_settings (tenant_id, url, events, secret, updated_at) VALUES (@tenant, NULL, @events, @secret, @now)
            ON CONFLICT (tenant_id) DO UPDATE
            SET previous_secret = webhook_settings.secret, previous_until = @until, secret = @secret, updated_at = @now;
            """).WithText("@tenant", tenantId).WithText("@events", WebhookEvents.DefaultFilter).WithText("@secret", secret)
            .WithLong("@now", now).WithLong("@until", now + (long)overlap.TotalMilliseconds);
        await rotate.ExecuteNonQueryAsync(ct);
        return secret;
    }

    public async Task<string?> SetEndpointAsync(string tenantId, string? url, string events, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(events);
        var now = Now;
        var secret = StandardWebhook.NewSecret();
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var created = await connection.ExecuteAsync(tx, """
            INSERT INTO webhook_settings (tenant_id, url, events, secret, updated_at) VALUES (@tenant, @url, @events, @secret, @now)
            ON CONFLICT (tenant_id) DO NOTHING;
            """, c => c.WithText("@tenant", tenantId).WithText("@url", url).WithText("@events", events)
                .WithText("@secret", secret).WithLong("@now", now), ct) == 1;
        if (!created)
        {
            await connection.ExecuteAsync(tx, "UPDATE webhook_settings SET url = @url, events = @events, updated_at = @now WHERE tenant_id = @tenant;",
                c => c.WithText("@url", url).WithText("@events", events).WithLong("@now", now).WithText("@tenant", tenantId), ct);
        }
        if (url is not null)
        {
            // Setting the endpoint again is how an operator says it is fixed.
            await connection.ExecuteAsync(tx, "UPDATE webhook_targets SET disabled_at = NULL, failing_since = NULL WHERE tenant_id = @tenant AND url = @url;",
                c => c.WithText("@tenant", tenantId).WithText("@url", url), ct);
        }
        await tx.CommitAsync(ct);
        return created ? secret : null;
    }

    public async Task<WebhookEndpoint?> GetEndpointAsync(string tenantId, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command(
            "SELECT url, events, updated_at, previous_until FROM webhook_settings WHERE tenant_id = @tenant;").WithText("@tenant", tenantId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var until = reader.NullableTime(3);
        return new WebhookEndpoint(tenantId, reader.NullableString(0), reader.GetString(1),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), until > Time.GetUtcNow() ? until : null);
    }

    public async Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(WebhookLogQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var where = (query.TenantId is null ? "1 = 1" : "e.tenant_id = @tenant") + (query.TaskId is null ? "" : " AND e.task_id = @task");
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command($"""
            SELECT a.id, e.id, e.task_id, e.tenant_id, e.event_type, e.url, a.at, a.worker, a.status_code, a.duration_ms, a.outcome, a.error
            FROM webhook_attempts a JOIN webhook_events e ON e.seq = a.event_seq
            WHERE {where}
            ORDER BY a.id DESC LIMIT @limit;
            """).WithInt("@limit", query.Limit);
        if (query.TenantId is { } tenant)
        {
            command.WithText("@tenant", tenant);
        }
        if (query.TaskId is { } task)
        {
            command.WithId(Db, "@task", task);
        }
        var attempts = new List<WebhookAttempt>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            attempts.Add(new WebhookAttempt(reader.GetInt64(0), reader.GetString(1), Db.ReadId(reader, 2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.GetInt32(9), reader.GetString(10),
                reader.NullableString(11)));
        }
        return attempts;
    }

    public async Task<IReadOnlyList<WebhookEventRecord>> ListEventsAsync(Guid taskId, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command("""
            SELECT id, task_id, event_type, progress, url, created_at, attempts, delivered_at, dead_at, last_error
            FROM webhook_events WHERE task_id = @task ORDER BY seq;
            """);
        command.WithId(Db, "@task", taskId);
        var events = new List<WebhookEventRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(new WebhookEventRecord(reader.GetString(0), Db.ReadId(reader, 1), reader.GetString(2),
                reader.GetInt32(3), reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.GetInt32(6),
                reader.NullableTime(7), reader.NullableTime(8), reader.NullableString(9)));
        }
        return events;
    }

    public async Task<IReadOnlyList<WebhookTarget>> ListTargetsAsync(bool disabledOnly, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command($"""
            SELECT tenant_id, url, failing_since, last_success_at, disabled_at FROM webhook_targets
            {(disabledOnly ? "WHERE disabled_at IS NOT NULL" : "")}
            ORDER BY tenant_id, url;
            """);
        var targets = new List<WebhookTarget>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            targets.Add(new WebhookTarget(reader.GetString(0), reader.GetString(1), reader.NullableTime(2), reader.NullableTime(3), reader.NullableTime(4)));
        }
        return targets;
    }

    public async Task<bool> EnableTargetAsync(string tenantId, string url, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var command = connection.Command("""
            UPDATE webhook_targets SET disabled_at = NULL, failing_since = NULL
            WHERE tenant_id = @tenant AND url = @url AND disabled_at IS NOT NULL;
            """).WithText("@tenant", tenantId).WithText("@url", url);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var before = cutoff.ToUnixTimeMilliseconds();
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        const string finished = "created_at < @before AND (delivered_at IS NOT NULL OR dead_at IS NOT NULL)";
        await connection.ExecuteAsync(tx, $"DELETE FROM webhook_attempts WHERE event_seq IN (SELECT seq FROM webhook_events WHERE {finished});",
            c => c.WithLong("@before", before), ct);
        var deleted = await connection.ExecuteAsync(tx, $"DELETE FROM webhook_events WHERE {finished};", c => c.WithLong("@before", before), ct);
        await tx.CommitAsync(ct);
        return deleted;
    }

    private static Task InsertAttemptAsync(DbConnection connection, DbTransaction tx, WebhookDelivery delivery, string worker, long now,
        int? statusCode, TimeSpan took, string outcome, string? error, CancellationToken ct) =>
        connection.ExecuteAsync(tx, """
            INSERT INTO webhook_attempts (event_seq, at, worker, status_code, duration_ms, outcome, error)
            VALUES (@seq, @at, @worker, @status, @took, @outcome, @error);
            """, c => c.WithLong("@seq", delivery.Seq).WithLong("@at", now).WithText("@worker", worker).WithInt("@status", statusCode)
                .WithInt("@took", (int)Math.Min(int.MaxValue, took.TotalMilliseconds)).WithText("@outcome", outcome).WithText("@error", error), ct);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
