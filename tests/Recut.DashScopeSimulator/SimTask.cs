using System.Text.Json.Nodes;

namespace Recut.DashScopeSimulator;

/// <summary>How a simulated task ends, decided when it is created.</summary>
public sealed record SimOutcome
{
    public TimeSpan? PendingFor { get; init; }
    public TimeSpan? RunFor { get; init; }
    /// <summary>Null: SUCCEEDED; otherwise FAILED with this code and <see cref="FailMessage"/>.</summary>
    public string? FailCode { get; init; }
    public string? FailMessage { get; init; }
    /// <summary>Answer this as the SUCCEEDED task's video_url instead of the simulator's own result link (a hostile upstream).</summary>
    public string? VideoUrl { get; init; }

    public static SimOutcome Fail(string code, string message) => new() { FailCode = code, FailMessage = message };
}

/// <summary>One task the simulator holds; its status follows from the clock, as upstream's does.</summary>
public sealed class SimTask
{
    internal SimTask(string id, string account, string keyUsed, string requestId, JsonObject body, SimOutcome outcome, DateTimeOffset created,
        TimeSpan pendingFor, TimeSpan runFor)
    {
        Id = id;
        Account = account;
        KeyUsed = keyUsed;
        RequestId = requestId;
        Body = body;
        Outcome = outcome;
        Created = created;
        PendingFor = pendingFor;
        RunFor = runFor;
    }

    public string Id { get; }
    public string Account { get; }
    public string KeyUsed { get; }
    public string RequestId { get; }
    public JsonObject Body { get; }
    public SimOutcome Outcome { get; }
    public DateTimeOffset Created { get; }
    public TimeSpan PendingFor { get; }
    public TimeSpan RunFor { get; }
    public bool Canceled { get; internal set; }
    public DateTimeOffset? CanceledAt { get; internal set; }
    public bool Expired { get; internal set; }

    /// <summary>Set once the result was produced (the input video, copied: the simulator does not edit).</summary>
    internal string? ResultToken { get; set; }
    internal double InputSeconds { get; set; }
    internal double OutputSeconds { get; set; }
    /// <summary>A failure found while producing the result (unreadable input).</summary>
    internal (string Code, string Message)? LateFailure { get; set; }
    internal SemaphoreSlim ProduceLock { get; } = new(1, 1);

    public string Prompt => Body["input"]?["prompt"]?.GetValue<string>() ?? "";

    public string StatusAt(DateTimeOffset now)
    {
        if (Expired)
        {
            return "UNKNOWN";
        }
        if (Canceled)
        {
            return "CANCELED";
        }
        if (now < Created + PendingFor)
        {
            return "PENDING";
        }
        if (now < Created + PendingFor + RunFor)
        {
            return "RUNNING";
        }
        return Outcome.FailCode is not null || LateFailure is not null ? "FAILED" : "SUCCEEDED";
    }

    public DateTimeOffset ScheduledAt => Created + PendingFor;
    public DateTimeOffset EndedAt => Canceled ? CanceledAt!.Value : Created + PendingFor + RunFor;
}
