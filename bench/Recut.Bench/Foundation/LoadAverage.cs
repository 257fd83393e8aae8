namespace Recut.Bench.Foundation;

/// <summary>The machine's 1, 5 and 15 minute load averages, as /proc/loadavg states them.</summary>
public static class LoadAverage
{
    public static string Read()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
