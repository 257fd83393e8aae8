namespace Recut.Client;

/// <summary>What to edit: one video, reference images and an instruction, plus optional parameters.</summary>
public sealed record EditTaskSpec
{
    public required string VideoUrl { get; init; }
    public IReadOnlyList<string> ReferenceImageUrls { get; init; } = [];
    public string? Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    public string? Resolution { get; init; }
    public string? Ratio { get; init; }
    public int? Duration { get; init; }
    public string? AudioSetting { get; init; }
    public bool? PromptExtend { get; init; }
    public bool? Watermark { get; init; }
    public long? Seed { get; init; }
    /// <summary>
    /// Recut's extension: where the task's events are POSTed, signed the Standard Webhooks way (verify them with
    /// <c>Recut.Protocol.Webhooks.StandardWebhook.Verify</c>). DashScope ignores it.
    /// </summary>
    public string? WebhookUrl { get; init; }
    /// <summary>Events sent to <see cref="WebhookUrl"/> ("running", "progress", "succeeded", "failed", "canceled", "completed").</summary>
    public IReadOnlyList<string>? WebhookEvents { get; init; }
    public string Model { get; init; } = "wan2.7-videoedit";
    /// <summary>Makes a create safe to retry: the server returns the same task for the same key and body.</summary>
    public string? IdempotencyKey { get; init; }
}
