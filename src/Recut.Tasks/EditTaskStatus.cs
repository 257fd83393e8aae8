namespace Recut.Tasks;

/// <summary>Task states of API.md §5. UNKNOWN is not stored: it is how a missing or foreign id reads.</summary>
public enum EditTaskStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Canceled,
}

public static class EditTaskStatusNames
{
    public static string Wire(this EditTaskStatus status) => status switch
    {
        EditTaskStatus.Pending => "PENDING",
        EditTaskStatus.Running => "RUNNING",
        EditTaskStatus.Succeeded => "SUCCEEDED",
        EditTaskStatus.Failed => "FAILED",
        EditTaskStatus.Canceled => "CANCELED",
        _ => "UNKNOWN",
    };

    public static bool TryParseWire(string? text, out EditTaskStatus status)
    {
        foreach (var s in Enum.GetValues<EditTaskStatus>())
        {
            if (string.Equals(s.Wire(), text, StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }

    public static bool IsFinal(this EditTaskStatus status) =>
        status is EditTaskStatus.Succeeded or EditTaskStatus.Failed or EditTaskStatus.Canceled;
}
