namespace Recut.Media.Storage.S3;

/// <summary>What a HEAD or a listing says of one object. <see cref="Name"/> is the key without the store's prefix.</summary>
public sealed record S3ObjectInfo(string Name, long Length, DateTimeOffset LastModified, string? ETag,
    IReadOnlyDictionary<string, string> Metadata);
