using System.Globalization;

namespace Recut.Bench.Foundation;

/// <summary>
/// Where one task's time went, read back from the server's task log: "Task {id} started", one "Task {id} runs {command}"
/// per ffmpeg/ffprobe/fc-match, "Task {id} SUCCEEDED". Each step lasts until the next event, so the gap before the first
/// command is the fetch and check of the inputs, and each command's step includes the C# work that follows it.
/// </summary>
public static class TaskSteps
{
    /// <summary>(step name, seconds) in order, starting with the wait from submit to the lease.</summary>
    public static IReadOnlyList<(string Step, double Seconds)> Of(IReadOnlyList<string> log, string taskId, DateTimeOffset submitted)
    {
        var events = new List<(TimeSpan At, string What)>();
        var marker = $"Task {taskId} ";
        foreach (var line in log)
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || line.Length < 12 || !TimeSpan.TryParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var time))
            {
                continue;
            }
            var rest = line[(at + marker.Length)..];
            if (rest.StartsWith("started", StringComparison.Ordinal) || rest.StartsWith("SUCCEEDED", StringComparison.Ordinal)
                || rest.StartsWith("runs ", StringComparison.Ordinal))
            {
                events.Add((time, rest));
            }
        }
        var steps = new List<(string, double)>();
        if (events.Count == 0)
        {
            return steps;
        }
        // The console log writes local wall-clock time of day; the submit moment is converted the same way.
        var submitAt = submitted.ToLocalTime().TimeOfDay;
        steps.Add(("submit → lease (queue, wake-up)", Seconds(events[0].At - submitAt)));
        var probes = 0;
        string? concurrent = null;
        for (var i = 0; i < events.Count - 1; i++)
        {
            var name = Name(events[i].What, ref probes);
            var seconds = Seconds(events[i + 1].At - events[i].At);
            // Two commands started within a few ms of each other run side by side (the render and the overlay
            // decode check): one step, named after both.
            if (seconds < 0.03 && events[i].What.StartsWith("runs ", StringComparison.Ordinal) && events[i + 1].What.StartsWith("runs ", StringComparison.Ordinal))
            {
                concurrent = concurrent is null ? name : $"{concurrent} ∥ {name}";
                continue;
            }
            if (concurrent is not null)
            {
                name = $"{concurrent} ∥ {name}";
                concurrent = null;
            }
            // The last step also holds storing the result and the compare-and-set to SUCCEEDED.
            steps.Add((i == events.Count - 2 ? name + " + store + SUCCEEDED" : name, seconds));
        }
        return steps;
    }

    private static double Seconds(TimeSpan t) => (t < TimeSpan.Zero ? t + TimeSpan.FromDays(1) : t).TotalSeconds;

    private static string Name(string what, ref int probes)
    {
        if (what.StartsWith("started", StringComparison.Ordinal))
        {
            return "fetch video, magic bytes";
        }
        var command = what["runs ".Length..];
        var tool = Path.GetFileName(command.Split(' ', 2)[0]);
        if (tool == "prlimit")
        {
            tool = Path.GetFileName(command.Split(" -- ", 2).ElementAtOrDefault(1)?.Split(' ', 2)[0] ?? tool);
        }
        return tool switch
        {
            "ffprobe" => probes++ == 0 ? "ffprobe input, media rules; fetch + check references; plan (stored); reference statistics" : "ffprobe result",
            "fc-match" => "fc-match (watermark font)",
            "ffmpeg" when command.Contains("-progress", StringComparison.Ordinal) => "render (ffmpeg)",
            "ffmpeg" when command.Contains("rawvideo", StringComparison.Ordinal) && command.Contains("rgb24", StringComparison.Ordinal)
                => "colour statistics (ffmpeg sampler)",
            "ffmpeg" when command.Contains(" null ", StringComparison.Ordinal) || command.EndsWith(" -", StringComparison.Ordinal)
                => "decode check (ffmpeg)",
            _ => tool,
        };
    }
}
