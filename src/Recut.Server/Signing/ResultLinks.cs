using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Recut.Media.Signing;
using Recut.Server.Configuration;

namespace Recut.Server.Signing;

/// <summary>Builds the signed, expiring result URL that needs no key (API.md §6).</summary>
public sealed class ResultLinks(ResultUrlSigner signer, TimeProvider time, IOptions<RecutOptions> options)
{
    public const string RoutePrefix = "/results/";

    public string For(HttpContext context, string resultKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        return For(Endpoints.PublicBase.Of(context, options.Value), resultKey);
    }

    /// <summary>The link on a known base URL (a webhook event has no request to take one from).</summary>
    public string For(string baseUrl, string resultKey)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var o = options.Value;
        var expires = time.GetUtcNow().AddHours(o.ResultUrlHours);
        var signature = signer.Sign(resultKey, expires);
        var path = string.Join('/', resultKey.Split('/').Select(Uri.EscapeDataString));
        return string.Create(CultureInfo.InvariantCulture,
            $"{baseUrl}{RoutePrefix}{path}?Expires={expires.ToUnixTimeSeconds()}&Signature={Uri.EscapeDataString(signature)}");
    }
}
