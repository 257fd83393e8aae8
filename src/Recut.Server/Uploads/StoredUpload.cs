using Recut.Media;

namespace Recut.Server.Uploads;

/// <summary>One accepted upload: the oss:// URL a create call may name, what the bytes turned out to be, and when it goes away.</summary>
public sealed record StoredUpload(Uri Url, MediaKind Kind, string Format, long Size, string FileName, DateTimeOffset ExpiresAt);
