using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Recut.Client;

/// <summary>
/// Local file → oss:// URL. DashScope's flow: GET api/v1/uploads?action=getPolicy&amp;model=…, then a form post to
/// the policy's upload_host (file last, as OSS requires); the URL is oss://&lt;upload_dir&gt;/&lt;name&gt;, valid 48 h for
/// the same account and model. Recut answers getPolicy the same way (its upload_host is its own form-upload route), so
/// one code path serves both; only an older Recut without getPolicy (404/405) gets its one-request upload instead
/// (POST api/v1/uploads, multipart field "file"), whose answer names the oss://recut-uploads/… URL.
/// </summary>
internal sealed class TemporaryFileUpload(HttpClient http, RecutClientOptions options)
{
    public async Task<string> UploadAsync(string localPath, string model, CancellationToken ct)
    {
        var file = new FileInfo(localPath);
        if (!file.Exists)
        {
            throw new FileNotFoundException("No file to upload.", localPath);
        }
        using var policyResponse = await http.SendAsync(Authorized(HttpMethod.Get,
            $"api/v1/uploads?action=getPolicy&model={Uri.EscapeDataString(model)}"), ct).ConfigureAwait(false);
        if (policyResponse.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return await UploadToRecutAsync(file, ct).ConfigureAwait(false);
        }
        using var policyDoc = await ApiResponse.ReadJsonAsync(policyResponse, ct).ConfigureAwait(false);
        var data = policyDoc.RootElement.GetProperty("data");
        string Field(string name) => data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
            : throw new RecutApiException(502, "InvalidResponse", $"The upload policy has no {name}.", ApiResponse.RequestIdOf(policyDoc.RootElement));
        if (data.TryGetProperty("max_file_size_mb", out var max) && max.TryGetDouble(out var mb) && file.Length > mb * 1024 * 1024)
        {
            throw new RecutApiException(400, "InvalidFile.Size",
                $"{file.Name} is {file.Length / 1048576.0:0.#} MB; uploads for {model} may be at most {mb:0.#} MB.", null);
        }
        var name = SafeName(file.Name);
        var key = $"{Field("upload_dir").TrimEnd('/')}/{name}";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Field("oss_access_key_id")), "OSSAccessKeyId" },
            { new StringContent(Field("signature")), "Signature" },
            { new StringContent(Field("policy")), "policy" },
            { new StringContent(data.TryGetProperty("x_oss_object_acl", out var acl) ? acl.GetString() ?? "private" : "private"), "x-oss-object-acl" },
            { new StringContent(data.TryGetProperty("x_oss_forbid_overwrite", out var fo) ? fo.GetString() ?? "true" : "true"), "x-oss-forbid-overwrite" },
            { new StringContent(key), "key" },
            { new StringContent("200"), "success_action_status" },
        };
        using var stream = file.OpenRead();
        var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType(name));
        form.Add(content, "file", name);
        using var upload = await http.PostAsync(new Uri(Field("upload_host")), form, ct).ConfigureAwait(false);
        if (!upload.IsSuccessStatusCode)
        {
            var text = await upload.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!text.TrimStart().StartsWith('<'))
            {
                await ApiResponse.EnsureSuccessAsync(upload, ct).ConfigureAwait(false);
            }
            // OSS answers XML: <Error><Code>AccessDenied</Code><Message>…</Message><RequestId>…</RequestId></Error>.
            throw new RecutApiException((int)upload.StatusCode, XmlTag(text, "Code") ?? "UploadFailed",
                XmlTag(text, "Message") ?? $"The file upload answered HTTP {(int)upload.StatusCode}.", XmlTag(text, "RequestId"));
        }
        return "oss://" + key;
    }

    private async Task<string> UploadToRecutAsync(FileInfo file, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        using var stream = file.OpenRead();
        var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType(file.Name));
        form.Add(content, "file", SafeName(file.Name));
        using var request = Authorized(HttpMethod.Post, "api/v1/uploads");
        request.Content = form;
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        using var doc = await ApiResponse.ReadJsonAsync(response, ct).ConfigureAwait(false);
        return doc.RootElement.GetProperty("data").GetProperty("url").GetString()
            ?? throw new RecutApiException(502, "InvalidResponse", "The upload answer has no data.url.", ApiResponse.RequestIdOf(doc.RootElement));
    }

    private HttpRequestMessage Authorized(HttpMethod method, string relative)
    {
        var baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        var request = new HttpRequestMessage(method, new Uri(baseUrl, relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        return request;
    }

    /// <summary>Object keys travel inside oss:// URLs: keep names to characters that need no escaping.</summary>
    private static string SafeName(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "upload" : safe;
    }

    private static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".mp4" => "video/mp4",
        ".mov" => "video/quicktime",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".bmp" => "image/bmp",
        ".webp" => "image/webp",
        _ => "application/octet-stream",
    };

    private static string? XmlTag(string xml, string tag)
    {
        var start = xml.IndexOf($"<{tag}>", StringComparison.Ordinal);
        var end = xml.IndexOf($"</{tag}>", StringComparison.Ordinal);
        return start >= 0 && end > start ? xml[(start + tag.Length + 2)..end] : null;
    }
}
