namespace Recut.Protocol.Responses;

/// <summary>
/// DashScope's task list answer (<c>GET /api/v1/tasks</c>, API.md §6). The field set follows a recorded upstream
/// answer: top-level request_id/total/total_page/page_no/page_size/data, items with epoch-millisecond times.
/// </summary>
public sealed record TaskListResponse
{
    public required string RequestId { get; init; }
    public int Total { get; init; }
    public int TotalPage { get; init; }
    public int PageNo { get; init; }
    public int PageSize { get; init; }
    public IReadOnlyList<TaskListItem> Data { get; init; } = [];

    /// <summary>Pages needed for <paramref name="total"/> items; 0 when there are none, as upstream reports.</summary>
    public static int CountPages(int total, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return (int)(((long)total + pageSize - 1) / pageSize);
    }
}

/// <summary>One task of a list page. Upstream also sends caller_uid, caller_parent_id and user_api_unique_key,
/// which have no meaning here; api_key_id and region are kept optional for clients that read them.</summary>
public sealed record TaskListItem
{
    public required string TaskId { get; init; }
    /// <summary>One of <see cref="WireTaskStatus"/>.</summary>
    public required string Status { get; init; }
    public required string ModelName { get; init; }
    /// <summary>Submission time, epoch milliseconds.</summary>
    public long GmtCreate { get; init; }
    /// <summary>When a worker started the task (DashScope's scheduled_time), epoch ms; absent while PENDING.</summary>
    public long? StartTime { get; init; }
    /// <summary>When the task finished, epoch ms; absent until then.</summary>
    public long? EndTime { get; init; }
    /// <summary>The request id of the create call.</summary>
    public required string RequestId { get; init; }
    public string? ApiKeyId { get; init; }
    public string? Region { get; init; }
}
