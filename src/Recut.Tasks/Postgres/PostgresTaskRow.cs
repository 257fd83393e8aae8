using Npgsql;

namespace Recut.Tasks.Postgres;

/// <summary>The task table's column list and the mapping from a row to an <see cref="EditTask"/>.</summary>
internal static class PostgresTaskRow
{
    /// <summary>Selected in this order by every query that returns tasks; <see cref="Read"/> depends on it.</summary>
    public const string Columns = """
        id, tenant_id, request_json, request_id, status, submit_time, scheduled_time, end_time, progress,
        actual_prompt, error_code, error_message, result_key, usage_json, attempts, lease_token, lease_owner,
        lease_expires_at, idempotency_key, plan_json
        """;

    public const int ColumnCount = 20;

    /// <summary>Reads the task whose columns start at <paramref name="at"/> (other columns may come first).</summary>
    public static EditTask Read(NpgsqlDataReader r, int at = 0) => new()
    {
        Id = r.GetGuid(at),
        TenantId = r.GetString(at + 1),
        Request = TaskJson.ReadRequest(r.GetString(at + 2)),
        RequestId = r.GetString(at + 3),
        Status = ParseStatus(r.GetString(at + 4)),
        SubmitTime = r.GetFieldValue<DateTimeOffset>(at + 5),
        ScheduledTime = NullableTime(r, at + 6),
        EndTime = NullableTime(r, at + 7),
        Progress = r.GetInt32(at + 8),
        ActualPrompt = NullableString(r, at + 9),
        ErrorCode = NullableString(r, at + 10),
        ErrorMessage = NullableString(r, at + 11),
        ResultKey = NullableString(r, at + 12),
        Usage = TaskJson.ReadUsage(NullableString(r, at + 13)),
        Attempts = r.GetInt32(at + 14),
        LeaseToken = NullableString(r, at + 15),
        LeaseOwner = NullableString(r, at + 16),
        LeaseExpiresAt = NullableTime(r, at + 17),
        IdempotencyKey = NullableString(r, at + 18),
        PlanJson = NullableString(r, at + 19),
    };

    public static async Task<List<EditTask>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var tasks = new List<EditTask>();
        while (await reader.ReadAsync(ct))
        {
            tasks.Add(Read(reader));
        }
        return tasks;
    }

    public static async Task<EditTask?> ReadOneAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static EditTaskStatus ParseStatus(string text) =>
        EditTaskStatusNames.TryParseWire(text, out var status)
            ? status
            : throw new InvalidDataException($"A stored task has the unknown status '{text}'.");

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
