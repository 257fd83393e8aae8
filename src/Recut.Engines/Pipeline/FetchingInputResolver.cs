using Recut.Media;
using Recut.Media.Fetching;

namespace Recut.Engines.Pipeline;

/// <summary>Resolves http(s) media URLs with the safe <see cref="IMediaFetcher"/> (the server's worker uses this).</summary>
public sealed class FetchingInputResolver(IMediaFetcher fetcher) : IInputResolver
{
    public async Task<string> ResolveAsync(string source, MediaKind kind, string destinationPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Uri.TryCreate(source, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new MediaException(MediaErrorCodes.InvalidUrl, $"Only http and https media URLs can be fetched, not \"{Shorten(source)}\".");
        }
        var fetched = await fetcher.FetchAsync(url, kind, destinationPath, ct).ConfigureAwait(false);
        return fetched.Path;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
