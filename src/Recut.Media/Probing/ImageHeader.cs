namespace Recut.Media.Probing;

/// <summary>What an image's header says, read without decoding a pixel. Format is a <see cref="MediaFormats"/> name.</summary>
/// <param name="DecodeProblem">
/// Null when the decoder accepts the header. Otherwise why it does not: the size was still read from the raw header
/// (e.g. a PNG's IHDR), so the rules can name an absurd size before calling the file undecodable.
/// </param>
public sealed record ImageHeader(string Format, int Width, int Height, long SizeBytes, string? DecodeProblem = null);
