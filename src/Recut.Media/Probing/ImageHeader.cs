namespace Recut.Media.Probing;

/// <summary>What an image's header says, read without decoding a pixel. Format is a <see cref="MediaFormats"/> name.</summary>
public sealed record ImageHeader(string Format, int Width, int Height, long SizeBytes);
