using System.CommandLine;
using Recut.Engines.Local.Planning;
using Recut.Cli.Output;
using Recut.Server.Hosting;

namespace Recut.Cli.Commands;

/// <summary>
/// `recut plan "<instruction>" [--refs N] [--json | -o json]`: how the local engine reads an instruction, without any media —
/// the steps it would run and how it read the words, or the UnsupportedEdit it would fail with (exit code 1).
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var instruction = new Argument<string>("instruction") { Description = "The edit instruction, in English or Chinese" };
        var refs = new Option<int>("--refs") { Description = "How many reference images the edit would have (0–5)", DefaultValueFactory = _ => 0 };
        var format = new OutputFormat();
        var command = new Command("plan", "Show the plan the local engine makes of an instruction (no media needed; exit 1 when refused)") { instruction, refs };
        format.AddTo(command);
        command.SetAction(result =>
        {
            var count = result.GetValue(refs);
            if (count is < 0 or > 5)
            {
                System.Console.Error.WriteLine("error: --refs must be between 0 and 5");
                return ExitCodes.Usage;
            }
            var planner = new InstructionPlanner(LocalComposition.FrameProcessorFactories());
            var view = PlanView.Of(planner, result.GetValue(instruction), count);
            if (format.IsJson(result))
            {
                OutputFormat.WriteJson(view);
            }
            else
            {
                Print(view);
            }
            return view.Supported ? ExitCodes.Done : ExitCodes.Failed;
        });
        return command;
    }

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
