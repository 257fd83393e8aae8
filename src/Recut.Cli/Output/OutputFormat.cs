using System.CommandLine;
using System.Text.Json;
using Recut.Protocol.Json;

namespace Recut.Cli.Output;

/// <summary>
/// `--json` or `-o json` (as gh and kubectl spell it) on commands that print records: the same data as the table,
/// as one JSON document on stdout, snake_case like the API, for scripts.
/// </summary>
public sealed class OutputFormat
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of text (same as -o json)" };

    public Option<string> Format { get; } = new("--output", "-o")
    {
        Description = "Output format: text or json",
        DefaultValueFactory = _ => "text",
    };

    public OutputFormat()
    {
        Format.AcceptOnlyFromAmong("text", "json");
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Json);
        command.Options.Add(Format);
    }

    public bool IsJson(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GetValue(Json) || result.GetValue(Format) == "json";
    }

    private static readonly JsonSerializerOptions Indented = new(ProtocolJson.Options) { WriteIndented = true };

    public static void WriteJson<T>(T value) => System.Console.WriteLine(JsonSerializer.Serialize(value, Indented));
}
