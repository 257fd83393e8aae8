namespace Recut.Tasks.Sql;

/// <summary>Start-up (migrations) and the sweeps: retention and tasks abandoned too often.</summary>
public sealed partial class SqlTaskStore
{
    public Task InitializeAsync(CancellationToken ct) => Migrate(Db, Time, ct);

    /// <summary>Prepares the database and applies the schema's migrations (shared by every store on it).</summary>
    internal static async Task Migrate(SqlProvider db, TimeProvider time, CancellationToken ct)
    {
        await db.PrepareAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await SchemaMigrator.ApplyAsync(db, connection, db.Migrations, time, ct);
    }

    public async Task<IReadOnlyList<EditTask>> DeleteSubmittedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection, ct);
        if (Db.TryRetentionLock is { } tryLock)
        {
            await using var lockCommand = connection.Command(tryLock, tx);
            if (await lockCommand.ExecuteScalarAsync(ct) is not true)
            {
                // Another process is sweeping right now; its sweep covers ours.
                return [];
            }
        }
        // Only final tasks expire: a PENDING backlog or a RUNNING task (a live lease or a dead worker's, which is re-leased
        // or failed as exhausted) is work still owed to a caller. A row someone holds locked this instant is passed over
        // for a later sweep; the outer status test re-checks the row READ COMMITTED finally deletes.
        await using var delete = connection.Command($"""
            DELETE FROM tasks
            WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELED') AND id IN (
                SELECT id FROM tasks
                WHERE submit_time < @cutoff AND status IN ('SUCCEEDED', 'FAILED', 'CANCELED')
                {Db.SkipLocked})
            RETURNING {TaskRow.Columns};
            """, tx).WithTime(Db, "@cutoff", cutoff);
        var deleted = await TaskRow.ReadAllAsync(Db, delete, ct);
        await tx.CommitAsync(ct);
        return deleted;
    }

    public async Task<int> FailExhaustedAsync(int maxAttempts, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        // Every worker calls this before every lease: SKIP LOCKED keeps concurrent callers from waiting on (or
        // deadlocking over) each other's rows; a row one of them skips is failed by the one holding it.
        const string exhausted = "status = 'RUNNING' AND lease_expires_at < @now AND attempts >= @max";
        await using var connection = await Db.OpenAsync(ct);
        return await connection.ExecuteAsync(null, $"""
            UPDATE tasks
            SET status = 'FAILED', error_code = 'InternalError', end_time = @now,
                error_message = 'The task was abandoned by workers ' || attempts
                    || ' times (each stopped renewing its lease before finishing), so it will not be retried.',
                lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            WHERE {exhausted} AND id IN (SELECT id FROM tasks WHERE {exhausted} {Db.SkipLocked});
            """, c => c.WithTime(Db, "@now", Db.Now(Time)).WithInt("@max", maxAttempts), ct);
    }
}
