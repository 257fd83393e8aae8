using Microsoft.Data.Sqlite;

namespace Recut.Tasks.Sqlite;

/// <summary>The task table's column list and the mapping from a row to an <see cref="EditTask"/>.</summary>
internal static class TaskRow
{
    /// <summary>Selected in this order by every query that returns tasks; <see cref="Read"/> depends on it.</summary>
    public const string Columns = """
        id, tenant_id, request_json, request_id, status, submit_time, scheduled_time, end_time, progress,
        actual_prompt, error_code, error_message, result_key, usage_json, attempts, lease_token, lease_owner,
        lease_expires_at, idempotency_key, plan_json
        """;

    public static EditTask Read(SqliteDataReader r) => new()
    {
        Id = Guid.Parse(r.GetString(0)),
        TenantId = r.GetString(1),
        Request = TaskJson.ReadRequest(r.GetString(2)),
        RequestId = r.GetString(3),
        Status = ParseStatus(r.GetString(4)),
        SubmitTime = UnixMs.ToTime(r.GetInt64(5)),
        ScheduledTime = NullableTime(r, 6),
        EndTime = NullableTime(r, 7),
        Progress = r.GetInt32(8),
        ActualPrompt = NullableString(r, 9),
        ErrorCode = NullableString(r, 10),
        ErrorMessage = NullableString(r, 11),
        ResultKey = NullableString(r, 12),
        Usage = TaskJson.ReadUsage(NullableString(r, 13)),
        Attempts = r.GetInt32(14),
        LeaseToken = NullableString(r, 15),
        LeaseOwner = NullableString(r, 16),
        LeaseExpiresAt = NullableTime(r, 17),
        IdempotencyKey = NullableString(r, 18),
        PlanJson = NullableString(r, 19),
    };

    public static async Task<List<EditTask>> ReadAllAsync(SqliteCommand command, CancellationToken ct)
    {
        var tasks = new List<EditTask>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tasks.Add(Read(reader));
        }
        return tasks;
    }

    public static async Task<EditTask?> ReadOneAsync(SqliteCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public static string Key(Guid id) => id.ToString("D");

    private static EditTaskStatus ParseStatus(string text) =>
        EditTaskStatusNames.TryParseWire(text, out var status)
            ? status
            : throw new InvalidDataException($"A stored task has the unknown status '{text}'.");

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? NullableTime(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : UnixMs.ToTime(r.GetInt64(i));
}
