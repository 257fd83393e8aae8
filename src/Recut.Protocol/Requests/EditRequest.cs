namespace Recut.Protocol.Requests;

/// <summary>
/// A validated create request with every default applied — what a task stores and an engine reads.
/// Serialised into the task row as JSON, so keep it a plain record.
/// </summary>
public sealed record EditRequest
{
    public const string ModelId = "wan2.7-videoedit";

    public string Model { get; init; } = ModelId;
    /// <summary>The instruction, already truncated to 5000 characters (text elements).</summary>
    public string Prompt { get; init; } = "";
    public string? NegativePrompt { get; init; }
    public required string VideoUrl { get; init; }
    public IReadOnlyList<string> ReferenceImageUrls { get; init; } = [];
    /// <summary>"720P" or "1080P".</summary>
    public string Resolution { get; init; } = "720P";
    /// <summary>One of the listed ratios, or null: pick the one nearest the input video's.</summary>
    public string? Ratio { get; init; }
    /// <summary>0 = keep the whole input; 2–10 = cut from 0 s.</summary>
    public int Duration { get; init; }
    /// <summary>"auto" or "origin".</summary>
    public string AudioSetting { get; init; } = "auto";
    public bool PromptExtend { get; init; } = true;
    public bool Watermark { get; init; }
    public long? Seed { get; init; }
    public Dialect Dialect { get; init; }
    /// <summary>
    /// Recut's extension (<c>parameters.webhook_url</c>, ignored by DashScope): where this task's events are POSTed,
    /// signed the Standard Webhooks way. Null: the key's default endpoint, if it has one.
    /// </summary>
    public string? WebhookUrl { get; init; }
    /// <summary>The events sent to <see cref="WebhookUrl"/> in stored form ("running,succeeded"); null without one.</summary>
    public string? WebhookEvents { get; init; }
}
