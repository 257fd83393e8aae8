using Spectre.Console;

namespace Recut.Cli.Console;

/// <summary>One Spectre.Console progress bar driven by a 0..1 value; plain lines when output is not a terminal.</summary>
public static class ProgressBar
{
    /// <summary>
    /// A line of text while a bar may be live. Spectre redraws the bar below whatever is written through its own
    /// console; a plain Console.WriteLine lands inside the bar's line and the next redraw overwrites part of it.
    /// </summary>
    public static void WriteLine(string text)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.WriteLine(text);
        }
        else
        {
            System.Console.WriteLine(text);
        }
    }

    public static async Task<T> RunAsync<T>(string label, Func<IProgress<double>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = -10;
            var plain = await work(new InlineProgress<double>(p =>
            {
                var percent = (int)(p * 100);
                if (percent >= last + 10 && percent < 100)
                {
                    last = percent;
                    System.Console.WriteLine($"{label}: {percent}%");
                }
            }));
            System.Console.WriteLine($"{label}: 100%");
            return plain;
        }
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1.0);
                result = await work(new InlineProgress<double>(v => task.Value = Math.Max(task.Value, v)));
                task.Value = 1.0;
            });
        return result;
    }

}
