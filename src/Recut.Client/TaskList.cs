using System.Globalization;
using System.Text;

namespace Recut.Client;

/// <summary>Filters of the list call (API.md §6); times are sent as YYYYMMDDhhmmss in UTC.</summary>
public sealed record TaskListFilter
{
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public string? Status { get; init; }
    public string? TaskId { get; init; }
    public string? ModelName { get; init; }
    public int PageNo { get; init; } = 1;
    public int PageSize { get; init; } = 10;

    internal string ToQueryString()
    {
        var sb = new StringBuilder("?");
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                sb.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
            }
        }
        Add("start_time", StartTime?.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        Add("end_time", EndTime?.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        Add("status", Status);
        Add("task_id", TaskId);
        Add("model_name", ModelName);
        Add("page_no", PageNo.ToString(CultureInfo.InvariantCulture));
        Add("page_size", PageSize.ToString(CultureInfo.InvariantCulture));
        return sb.ToString().TrimEnd('&');
    }
}

public sealed record TaskListEntry(string TaskId, string Status, string ModelName, long GmtCreateMs, long? StartTimeMs, long? EndTimeMs);

public sealed record TaskListPage(IReadOnlyList<TaskListEntry> Items, int Total, int PageNo, int PageSize, int TotalPages);
