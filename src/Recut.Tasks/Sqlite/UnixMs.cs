namespace Recut.Tasks.Sqlite;

/// <summary>Times are stored as UTC unix milliseconds: sortable integers, no zone or format ambiguity.</summary>
internal static class UnixMs
{
    public static long From(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>Now, cut to the millisecond so what a caller is handed equals what a later read returns.</summary>
    public static DateTimeOffset Now(TimeProvider time) => ToTime(From(time.GetUtcNow()));
}
