using System.Net.Http.Headers;
using System.Text.Json;

namespace Recut.TestSupport;

/// <summary>
/// The DashScope temporary-file upload as the official Python SDK performs it, written independently for tests:
/// GET {base}/api/v1/uploads?action=getPolicy&amp;model=… with the key, read the credential from <c>data</c>, post a
/// multipart form (the credential's fields, key = upload_dir/basename, success_action_status=200, the file last) to
/// upload_host without a key, and call the result <c>oss://{key}</c>. Each step is public so tests can tamper between.
/// </summary>
public sealed class SdkStyleUpload(HttpClient http, Uri baseUrl, string apiKey)
{
    /// <summary>The credential fields the SDK reads, plus the raw answer.</summary>
    public sealed record Credential(int Status, JsonElement Body)
    {
        public JsonElement Data => Body.GetProperty("data");
        public string Field(string name) => Data.GetProperty(name).GetString()!;
    }

    public sealed record FormAnswer(int Status, string Body, string? ContentType)
    {
        /// <summary>An OSS XML error's element text (Code, Message, RequestId), or null.</summary>
        public string? Xml(string tag)
        {
            var start = Body.IndexOf($"<{tag}>", StringComparison.Ordinal);
            var end = Body.IndexOf($"</{tag}>", StringComparison.Ordinal);
            return start >= 0 && end > start ? Body[(start + tag.Length + 2)..end] : null;
        }
    }

    public async Task<Credential> GetPolicyAsync(string model = "wan2.7-videoedit", string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(baseUrl, $"api/v1/uploads?action=getPolicy&model={Uri.EscapeDataString(model)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? apiKey);
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Credential((int)response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>The form fields the SDK sends, in its order; tests edit the dictionary to play a hostile client.</summary>
    public static Dictionary<string, string> FormFields(Credential credential, string fileName) => new(StringComparer.Ordinal)
    {
        ["OSSAccessKeyId"] = credential.Field("oss_access_key_id"),
        ["Signature"] = credential.Field("signature"),
        ["policy"] = credential.Field("policy"),
        ["key"] = credential.Field("upload_dir") + "/" + fileName,
        ["x-oss-object-acl"] = credential.Field("x_oss_object_acl"),
        ["x-oss-forbid-overwrite"] = credential.Field("x_oss_forbid_overwrite"),
        ["success_action_status"] = "200",
        ["x-oss-content-type"] = fileName.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) ? "video/mp4" : "image/png",
    };

    public async Task<FormAnswer> PostFormAsync(Uri uploadHost, IReadOnlyDictionary<string, string> fields, byte[] file, string fileName)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(new ByteArrayContent(file), "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, uploadHost) { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request);
        return new FormAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The whole flow for one local file: its oss:// URL, or an exception naming the failed step.</summary>
    public async Task<string> UploadAsync(string path)
    {
        var credential = await GetPolicyAsync();
        if (credential.Status != 200)
        {
            throw new InvalidOperationException($"getPolicy answered {credential.Status}: {credential.Body}");
        }
        var fileName = Path.GetFileName(path);
        var fields = FormFields(credential, fileName);
        var answer = await PostFormAsync(new Uri(credential.Field("upload_host")), fields, await File.ReadAllBytesAsync(path), fileName);
        if (answer.Status != 200)
        {
            throw new InvalidOperationException($"the form upload answered {answer.Status}: {answer.Body}");
        }
        return "oss://" + fields["key"];
    }
}
