using System.Globalization;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// How a speed change, a reverse or a trim meets API.md's duration rules. The output is never longer than the input
/// nor than a requested <c>duration</c> (the cut is of the edited result, from its 0 s): a 2× speed-up of a 10 s
/// clip is 5 s; slowing it to 0.5× makes the first 5 s of the source into 10 s; with <c>duration: 4</c> both are
/// 4 s. A reversed clip cut short starts from the source's end. An edit whose output would be shorter than 2 s (the
/// shortest duration API.md allows) or that trims away the whole clip is refused.
/// </summary>
internal static class Timeline
{
    public const double MinimumOutputSeconds = 2;

    public sealed record Result(IReadOnlyList<EditOperation> Operations, OutputPlan Output, IReadOnlyList<string> Notes);

    public static Result Apply(IReadOnlyList<EditOperation> operations, OutputPlan output)
    {
        var trim = operations.OfType<TrimOp>().FirstOrDefault();
        var speed = operations.OfType<SpeedOp>().FirstOrDefault()?.Factor ?? 1;
        var reverse = operations.OfType<ReverseOp>().Any();
        if (trim is null && speed == 1 && !reverse)
        {
            return new Result(operations, output, []);
        }
        var input = output.InputDurationSeconds;
        if (input <= 0)
        {
            throw Capabilities.Error("The clip's length is unknown, so its speed, direction or length cannot be changed.");
        }
        var (a, b) = trim is null ? (0.0, input) : Window(trim, input);
        var cap = output.DurationSeconds; // already min(duration, input)
        var natural = (b - a) / speed;
        var seconds = Math.Min(cap, natural);
        if (seconds < MinimumOutputSeconds - 1e-6)
        {
            throw Capabilities.Error(F($"The edited video would be {seconds:0.00} s long; outputs must be at least {MinimumOutputSeconds:0} s (the shortest duration the API allows). Keep more of the clip or speed it up less."));
        }
        var used = seconds * speed;
        var span = reverse ? (b - used, b) : (a, a + used);
        var notes = new List<string>();
        if (natural > cap + 1e-6)
        {
            notes.Add(F($"the output is capped at {cap:0.00} s (never longer than the input or the requested duration): source {span.Item1:0.00}–{span.Item2:0.00} s is used"));
        }
        var resolved = operations.Select(o => o is TrimOp t ? t with { Window = (a, b) } : o).ToList();
        return new Result(resolved, output with { DurationSeconds = seconds, SourceSpan = span }, notes);
    }

    private static (double, double) Window(TrimOp trim, double input)
    {
        if (trim.Seconds >= input - 1e-6)
        {
            throw Capabilities.Error(F($"The clip is {input:0.00} s long, so it has no {trim.Seconds:0.##} seconds to {(trim.Part is TrimPart.KeepFirst or TrimPart.KeepLast ? "keep" : "cut")} with something left."));
        }
        return trim.Part switch
        {
            TrimPart.KeepFirst => (0, trim.Seconds),
            TrimPart.KeepLast => (input - trim.Seconds, input),
            TrimPart.DropFirst => (trim.Seconds, input),
            _ => (0, input - trim.Seconds),
        };
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
