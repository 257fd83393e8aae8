using System.CommandLine;
using Recut.Engines.Local.Planning;
using Recut.Protocol.Json;
using Recut.Server.Hosting;

namespace Recut.Cli.Commands;

/// <summary>
/// `recut plan "<instruction>" [--refs N] [--json]`: how the local engine reads an instruction, without any media —
/// the steps it would run and how it read the words, or the UnsupportedEdit it would fail with (exit code 1).
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var instruction = new Argument<string>("instruction") { Description = "The edit instruction, in English or Chinese" };
        var refs = new Option<int>("--refs") { Description = "How many reference images the edit would have (0–5)", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the structured plan as JSON" };
        var command = new Command("plan", "Show the plan the local engine makes of an instruction (no media needed)") { instruction, refs, json };
        command.SetAction(result =>
        {
            var count = result.GetValue(refs);
            if (count is < 0 or > 5)
            {
                System.Console.Error.WriteLine("error: --refs must be between 0 and 5");
                return 2;
            }
            var planner = new InstructionPlanner(LocalComposition.FrameProcessorFactories());
            var view = PlanView.Of(planner, result.GetValue(instruction), count);
            if (result.GetValue(json))
            {
                System.Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(view, IndentedJson));
            }
            else
            {
                Print(view);
            }
            return view.Supported ? 0 : 1;
        });
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new(ProtocolJson.Options) { WriteIndented = true };

    private static void Print(PlanView view)
    {
        if (!view.Supported)
        {
            System.Console.WriteLine($"Refused [{view.Code}]: {view.Message}");
            return;
        }
        System.Console.WriteLine("Plan:");
        for (var i = 0; i < view.Steps.Count; i++)
        {
            System.Console.WriteLine($"  {i + 1}. {view.Steps[i].Description}");
        }
        foreach (var note in view.Notes)
        {
            System.Console.WriteLine($"  note: {note}");
        }
    }
}
