namespace Recut.Media.Storage;

/// <summary>
/// One byte range as a client asked for it (HTTP <c>Range: bytes=…</c>): <c>From-To</c>, <c>From-</c> (to the end) or
/// <c>-To</c> (the last <see cref="To"/> bytes, a suffix). Resolved against the object's length by the store that knows it.
/// </summary>
public readonly record struct ByteRangeRequest(long? From, long? To)
{
    /// <summary>The inclusive span this asks for of an object of <paramref name="length"/> bytes, or null when none of it exists (416).</summary>
    public ByteSpan? Resolve(long length)
    {
        if (length <= 0)
        {
            return null;
        }
        if (From is null)
        {
            // A suffix: "bytes=-500" is the last 500 bytes, or the whole object when it is shorter.
            return To is > 0 ? new ByteSpan(Math.Max(0, length - To.Value), length - 1) : null;
        }
        if (From.Value >= length)
        {
            return null;
        }
        var end = To is { } to ? Math.Min(to, length - 1) : length - 1;
        return end < From.Value ? null : new ByteSpan(From.Value, end);
    }

    /// <summary>The HTTP form, "bytes=0-99", "bytes=100-" or "bytes=-500".</summary>
    public override string ToString() => $"bytes={From}-{To}";
}

/// <summary>An inclusive byte span of an object: <see cref="Start"/> to <see cref="End"/>.</summary>
public readonly record struct ByteSpan(long Start, long End)
{
    public long Length => End - Start + 1;
}
