namespace Recut.Bench.Foundation;

/// <summary>The foundation benches' "--name value" options: each name's handler gets its value, in order.</summary>
internal static class BenchOptions
{
    /// <returns>False (after printing <paramref name="usage"/>) for an unknown name or a name without a value.</returns>
    public static bool Parse(string[] args, string usage, IReadOnlyDictionary<string, Action<string>> handlers)
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !handlers.TryGetValue(args[i], out var handle))
            {
                Console.Error.WriteLine(usage);
                return false;
            }
            handle(args[i + 1]);
        }
        return true;
    }
}
