using System.Globalization;

namespace Recut.Bench.Person;

/// <summary>
/// Samples, every 50 ms, the resident memory of this process plus its child processes (the decoder and encoder
/// ffmpeg) and keeps the largest sum: the working set of a whole task, which no single counter reports.
/// </summary>
public sealed class TreeMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakKb;

    public TreeMemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    public double PeakMb => Interlocked.Read(ref _peakKb) / 1024.0;

    private void Sample()
    {
        try
        {
            var total = ResidentKb("self") + ChildPids().Sum(pid => ResidentKb(pid));
            long seen;
            do
            {
                seen = Interlocked.Read(ref _peakKb);
            }
            while (total > seen && Interlocked.CompareExchange(ref _peakKb, total, seen) != seen);
        }
        catch (IOException)
        {
            // A child exited between listing and reading: skip this sample.
        }
    }

    private static IEnumerable<string> ChildPids() =>
        Directory.GetDirectories("/proc/self/task")
            .Select(t => Path.Combine(t, "children"))
            .Where(File.Exists)
            .SelectMany(f => File.ReadAllText(f).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

    private static long ResidentKb(string pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return 0;
        }
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public void Dispose() => _timer.Dispose();
}
