namespace Recut.Media.Storage;

/// <summary>
/// A stored result opened for reading: the bytes (the whole object, or <see cref="Range"/> of it), the object's full
/// length and what a cache needs. <see cref="RangeNotSatisfiable"/> answers a range outside the object (HTTP 416), with
/// no body. Disposing it closes the stream (a file handle or an HTTP response from the bucket).
/// </summary>
public sealed class ResultContent : IAsyncDisposable
{
    private ResultContent(Stream body, long totalLength, ByteSpan? range, bool notSatisfiable, DateTimeOffset? lastModified, string? etag)
    {
        Body = body;
        TotalLength = totalLength;
        Range = range;
        RangeNotSatisfiable = notSatisfiable;
        LastModified = lastModified;
        ETag = etag;
    }

    /// <summary>Results are always mp4 (the encoder writes nothing else).</summary>
    public const string Mp4 = "video/mp4";

    public Stream Body { get; }
    public long TotalLength { get; }

    /// <summary>The part <see cref="Body"/> holds; null for the whole object.</summary>
    public ByteSpan? Range { get; }

    public bool RangeNotSatisfiable { get; }
    public string ContentType => Mp4;
    public DateTimeOffset? LastModified { get; }

    /// <summary>The entity tag, quoted as HTTP sends it, when the store has one.</summary>
    public string? ETag { get; }

    /// <summary>How many bytes <see cref="Body"/> yields.</summary>
    public long BodyLength => RangeNotSatisfiable ? 0 : Range?.Length ?? TotalLength;

    public static ResultContent Whole(Stream body, long length, DateTimeOffset? lastModified, string? etag) =>
        new(body, length, null, false, lastModified, etag);

    public static ResultContent Partial(Stream body, long totalLength, ByteSpan range, DateTimeOffset? lastModified, string? etag) =>
        new(body, totalLength, range, false, lastModified, etag);

    public static ResultContent NotSatisfiable(long totalLength, DateTimeOffset? lastModified, string? etag) =>
        new(Stream.Null, totalLength, null, true, lastModified, etag);

    public ValueTask DisposeAsync() => Body.DisposeAsync();
}
