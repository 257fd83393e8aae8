using System.CommandLine;
using Recut.Client;

namespace Recut.Cli.Commands;

/// <summary>The request parameters shared by `edit` and `submit` (API.md §2 names).</summary>
public sealed class RequestOptions
{
    public Option<string?> Resolution { get; } = new("--resolution") { Description = "720P or 1080P" };
    public Option<string?> Ratio { get; } = new("--ratio") { Description = "16:9, 9:16, 1:1, 4:3 or 3:4 (default: nearest the input's)" };
    public Option<int?> Duration { get; } = new("--duration") { Description = "0 (whole input) or 2–10 seconds" };
    public Option<string?> Audio { get; } = new("--audio") { Description = "auto or origin" };
    public Option<bool> Watermark { get; } = new("--watermark") { Description = "Add \"AI生成\" bottom-right" };
    public Option<bool> NoPromptExtend { get; } = new("--no-prompt-extend") { Description = "Do not rewrite the instruction into an explicit plan" };
    public Option<long?> Seed { get; } = new("--seed") { Description = "0–2147483647; equal seeds give identical output" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Resolution);
        command.Options.Add(Ratio);
        command.Options.Add(Duration);
        command.Options.Add(Audio);
        command.Options.Add(Watermark);
        command.Options.Add(NoPromptExtend);
        command.Options.Add(Seed);
    }

    public EditTaskSpec ToSpec(ParseResult result, string videoUrl, IReadOnlyList<string> referenceUrls, string? prompt)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new EditTaskSpec
        {
            VideoUrl = videoUrl,
            ReferenceImageUrls = referenceUrls,
            Prompt = prompt,
            Resolution = result.GetValue(Resolution),
            Ratio = result.GetValue(Ratio),
            Duration = result.GetValue(Duration),
            AudioSetting = result.GetValue(Audio),
            Watermark = result.GetValue(Watermark) ? true : null,
            PromptExtend = result.GetValue(NoPromptExtend) ? false : null,
            Seed = result.GetValue(Seed),
        };
    }
}
