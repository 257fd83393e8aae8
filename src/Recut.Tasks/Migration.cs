namespace Recut.Tasks;

/// <summary>
/// One schema step. Steps are applied in ascending <see cref="Version"/> order, each exactly once,
/// and recorded in a <c>schema_version</c> table; a released step is never edited, only followed.
/// </summary>
public sealed record Migration(int Version, string Sql);
