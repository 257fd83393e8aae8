using System.Data.Common;

namespace Recut.Tasks.Sql;

/// <summary>The task table's column list and the mapping from a row to an <see cref="EditTask"/>.</summary>
internal static class TaskRow
{
    /// <summary>Selected in this order by every query that returns tasks; <see cref="Read"/> depends on it.</summary>
    public const string Columns = """
        id, tenant_id, request_json, request_id, status, submit_time, scheduled_time, end_time, progress,
        actual_prompt, error_code, error_message, result_key, usage_json, attempts, lease_token, lease_owner,
        lease_expires_at, idempotency_key, plan_json
        """;

    public const int ColumnCount = 20;

    public static EditTask Read(SqlProvider db, DbDataReader r) => new()
    {
        Id = db.ReadId(r, 0),
        TenantId = r.GetString(1),
        Request = TaskJson.ReadRequest(r.GetString(2)),
        RequestId = r.GetString(3),
        Status = ParseStatus(r.GetString(4)),
        SubmitTime = db.ReadTime(r, 5),
        ScheduledTime = db.ReadNullableTime(r, 6),
        EndTime = db.ReadNullableTime(r, 7),
        Progress = r.GetInt32(8),
        ActualPrompt = r.NullableString(9),
        ErrorCode = r.NullableString(10),
        ErrorMessage = r.NullableString(11),
        ResultKey = r.NullableString(12),
        Usage = TaskJson.ReadUsage(r.NullableString(13)),
        Attempts = r.GetInt32(14),
        LeaseToken = r.NullableString(15),
        LeaseOwner = r.NullableString(16),
        LeaseExpiresAt = db.ReadNullableTime(r, 17),
        IdempotencyKey = r.NullableString(18),
        PlanJson = r.NullableString(19),
    };

    public static async Task<List<EditTask>> ReadAllAsync(SqlProvider db, DbCommand command, CancellationToken ct)
    {
        var tasks = new List<EditTask>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tasks.Add(Read(db, reader));
        }
        return tasks;
    }

    public static async Task<EditTask?> ReadOneAsync(SqlProvider db, DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(db, reader) : null;
    }

    private static EditTaskStatus ParseStatus(string text) =>
        EditTaskStatusNames.TryParseWire(text, out var status)
            ? status
            : throw new InvalidDataException($"A stored task has the unknown status '{text}'.");
}
