using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Playback speed ("speed it up", "2x slower", "half speed", "0.5倍速", 慢动作) and trims to a named part ("only the first
/// 3 seconds", "cut the last 2 s", "去掉开头两秒", "只要前三秒"). A speed word without a direction or number, a part with
/// no way to tell keep from cut, or a speed outside 0.25–4× is left to the refusal.
/// </summary>
internal static class TimeRules
{
    public static void Read(Clause c, ClauseOutcome outcome, double intensity)
    {
        if (c.Has(Cat.Seconds))
        {
            Trim(c, outcome);
        }
        if (c.Has(Cat.Speed))
        {
            Speed(c, outcome, intensity);
        }
    }

    private static void Speed(Clause c, ClauseOutcome outcome, double intensity)
    {
        var words = c.Live(Cat.Speed).ToList();
        var signs = words.Select(w => w.Sense.Sign).Where(s => s != 0).Distinct().ToList();
        if (signs.Count > 1)
        {
            outcome.Refusal = "faster and slower at once";
            return;
        }
        var sign = signs.Count == 1 ? signs[0] : c.Has(Cat.Increase) ? 1 : c.Has(Cat.Decrease) ? -1 : 0;
        var number = c.Live(Cat.Number).FirstOrDefault(n => !n.Used && n.Number is > 0);
        double factor;
        if (number is null)
        {
            if (sign == 0)
            {
                return; // "change the speed": how much is not said
            }
            factor = sign > 0
                ? intensity switch { Modifiers.Small => 1.5, Modifiers.Large => 3, _ => 2 }
                : intensity switch { Modifiers.Small => 0.75, Modifiers.Large => 0.25, _ => 0.5 };
        }
        else
        {
            var n = number.Number!.Value;
            if (sign > 0 && n < 1)
            {
                outcome.Refusal = "faster at a multiple below 1";
                return;
            }
            factor = sign < 0 && n > 1 ? 1 / n : n;
            number.Used = true;
        }
        if (factor < SpeedOp.Min - 1e-9 || factor > SpeedOp.Max + 1e-9 || Math.Abs(factor - 1) < 1e-9)
        {
            outcome.Refusal = "speeds from 0.25× to 4× only (and not 1×)";
            return;
        }
        outcome.Requests.Add(new Request(RequestKind.Speed, EditRules.Fragment(c), words[0].Start) { Factor = Math.Round(factor, 4) });
        c.Use(Cat.Speed, Cat.Times, Cat.Increase, Cat.Decrease, Cat.Generic, Cat.Small, Cat.Large);
    }

    private static void Trim(Clause c, ClauseOutcome outcome)
    {
        var items = c.Items;
        var unit = items.FindIndex(i => i.Cat == Cat.Seconds && !i.Negated);
        var number = unit > 0 ? items[unit - 1] : null;
        if (number is not { Cat: Cat.Number, Number: > 0 })
        {
            return;
        }
        var keep = c.Has(Cat.Only) || c.Has(Cat.Keep) || c.Live(Cat.Cut).Any(x => x.Sense.Sign > 0)
            || (c.Has(Cat.Cut) && items.Any(i => i.Text.Equals("to", StringComparison.OrdinalIgnoreCase)));
        var drop = c.Has(Cat.Remove) || c.Live(Cat.Cut).Any(x => x.Sense.Sign < 0) || (c.Has(Cat.Cut) && !keep);
        if (keep == drop)
        {
            return; // "the first 3 seconds": keep or cut is not said
        }
        var end = c.Live(Cat.Part).Select(p => p.Sense.Value).FirstOrDefault() is > 0
            || c.Live(Cat.Ordinal).Any(o => o.Sense.Index == Modifiers.LastReference);
        var start = c.Live(Cat.Part).Any(p => p.Sense.Value < 0) || c.Live(Cat.Ordinal).Any(o => o.Sense.Index == 0);
        if (start == end && !(keep && !start))
        {
            return; // neither or both ends named; "cut it to 3 seconds" keeps the start
        }
        var part = (keep, end) switch
        {
            (true, false) => TrimPart.KeepFirst,
            (true, true) => TrimPart.KeepLast,
            (false, false) => TrimPart.DropFirst,
            _ => TrimPart.DropLast,
        };
        outcome.Requests.Add(new Request(RequestKind.Trim, EditRules.Fragment(c), number.Start) { TrimPart = part, Seconds = number.Number!.Value });
        number.Used = true;
        c.Use(Cat.Seconds, Cat.Part, Cat.Ordinal, Cat.Cut, Cat.Remove, Cat.Only, Cat.Keep, Cat.Generic, Cat.Frame);
    }
}
