using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Recut.Media.Fetching;

/// <summary>
/// Fetches http(s) media URLs defensively: pinned, policy-checked connections (<see cref="PinnedConnector"/>),
/// redirects followed by hand and re-checked, connect and total timeouts, and a byte cap enforced both on
/// Content-Length and while streaming. The file appears at the destination only when complete.
/// </summary>
public sealed class HttpMediaFetcher : IMediaFetcher, IDisposable
{
    private static readonly HashSet<HttpStatusCode> RedirectCodes =
    [
        HttpStatusCode.MovedPermanently, HttpStatusCode.Found, HttpStatusCode.SeeOther,
        HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect,
    ];

    private readonly FetchOptions _options;
    private readonly HttpClient _http;

    public HttpMediaFetcher(FetchOptions? options = null, IHostResolver? resolver = null)
    {
        _options = options ?? new FetchOptions();
        var handler = GuardedHttpHandler.Create(_options.AllowPrivateAddresses, _options.ConnectTimeout, resolver);
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public FetchOptions Options => _options;

    public async Task<FetchedMedia> FetchAsync(Uri url, MediaKind kind, string destinationPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        CheckScheme(url);
        using var timeout = new CancellationTokenSource(_options.TotalTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                CheckHost(current);
                using var response = await SendAsync(current, linked.Token).ConfigureAwait(false);
                if (RedirectCodes.Contains(response.StatusCode))
                {
                    current = NextHop(current, response, redirects);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new MediaException(MediaErrorCodes.DataInspection,
                        $"Downloading {Describe(current)} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
                }
                var bytes = await CappedDownload.SaveAsync(response, kind, _options.MaxBytes(kind), destinationPath, linked.Token)
                    .ConfigureAwait(false);
                return new FetchedMedia(destinationPath, bytes, response.Content.Headers.ContentType?.ToString());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException
                                  && timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new MediaException(MediaErrorCodes.UrlTimeout,
                $"Downloading {Describe(current)} took longer than {_options.TotalTimeout.TotalSeconds:0.#} s.", e);
        }
        catch (HttpRequestException e) when (!ct.IsCancellationRequested)
        {
            throw Translate(e, current);
        }
        catch (IOException e) when (!ct.IsCancellationRequested)
        {
            throw new MediaException(MediaErrorCodes.DataInspection,
                $"Downloading {Describe(current)} failed: the connection broke before the whole file arrived.", e);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
    }

    private Uri NextHop(Uri current, HttpResponseMessage response, int redirectsSoFar)
    {
        if (redirectsSoFar >= _options.MaxRedirects)
        {
            throw new MediaException(MediaErrorCodes.DataInspection,
                $"Downloading {Describe(current)} failed: more than {_options.MaxRedirects} redirects.");
        }
        var location = response.Headers.Location
            ?? throw new MediaException(MediaErrorCodes.DataInspection,
                $"Downloading {Describe(current)} failed: HTTP {(int)response.StatusCode} without a Location header.");
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
        {
            throw new MediaException(MediaErrorCodes.InvalidUrl,
                $"{Describe(current)} redirects to a {next.Scheme}: URL; only http and https are fetched.");
        }
        return next;
    }

    private void CheckHost(Uri url)
    {
        if (_options.AllowedHosts is { } hosts && !hosts.Allows(url))
        {
            throw new MediaException(MediaErrorCodes.InvalidUrl,
                $"The host '{url.Host}' of {Describe(url)} is not one this fetch may reach (allowed: {string.Join(", ", hosts.Patterns)}).");
        }
    }

    private static void CheckScheme(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            throw new MediaException(MediaErrorCodes.InvalidUrl, "The media URL must be absolute.");
        }
        if (url.Scheme.Equals("oss", StringComparison.OrdinalIgnoreCase))
        {
            throw new MediaException(MediaErrorCodes.InvalidUrl, "oss:// URLs need the upload service, which is not configured.");
        }
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new MediaException(MediaErrorCodes.InvalidUrl, $"The media URL scheme '{url.Scheme}' is not supported; use http or https.");
        }
    }

    /// <summary>The connector's own verdicts travel inside HttpRequestException; everything else is DataInspection.</summary>
    private static MediaException Translate(HttpRequestException e, Uri url)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is MediaException media)
            {
                return new MediaException(media.Code, media.Message, e);
            }
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return new MediaException(MediaErrorCodes.UrlConnectionRefused, $"The server of {Describe(url)} refused the connection.", e);
            }
        }
        // The exception's text names resolver and socket internals; the caller is told the kind of failure only.
        var reason = e.StatusCode is { } s ? $"HTTP {(int)s}" : e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name could not be resolved",
            HttpRequestError.ConnectionError => "no connection could be made",
            HttpRequestError.SecureConnectionError => "the TLS connection could not be established",
            HttpRequestError.ResponseEnded => "the server closed the connection early",
            HttpRequestError.InvalidResponse => "the server's answer is not valid HTTP",
            _ => "the request failed",
        };
        return new MediaException(MediaErrorCodes.DataInspection, $"Downloading {Describe(url)} failed: {reason}.", e);
    }

    /// <summary>The URL without its query, which may carry someone's signature or token.</summary>
    internal static string Describe(Uri url)
    {
        var text = url.GetLeftPart(UriPartial.Path);
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
