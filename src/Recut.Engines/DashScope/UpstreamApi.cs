using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recut.Engines.DashScope;

/// <summary>
/// Single HTTP exchanges with DashScope (no retries here): every failure becomes an <see cref="UpstreamException"/>
/// that says whether it is worth retrying and whether a create may have happened anyway.
/// </summary>
public sealed class UpstreamApi(HttpClient http, DashScopeOptions options)
{
    public const string CreatePath = "api/v1/services/aigc/video-generation/video-synthesis";
    private readonly Uri _base = options.ResolveBaseUrl();

    /// <summary>Creates a task; returns (task_id, request_id).</summary>
    public async Task<(string TaskId, string? RequestId)> CreateAsync(PooledKey key, JsonObject body, CancellationToken ct)
    {
        var text = body.ToJsonString();
        using var root = await SendJsonAsync("create", () =>
        {
            var request = New(HttpMethod.Post, CreatePath, key);
            request.Headers.Add("X-DashScope-Async", "enable");
            if (text.Contains("\"oss://", StringComparison.Ordinal))
            {
                request.Headers.Add("X-DashScope-OssResourceResolve", "enable");
            }
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
            return request;
        }, options.RequestTimeout, ct).ConfigureAwait(false);
        var id = root.RootElement.TryGetProperty("output", out var o) ? Json.Str(o, "task_id") : null;
        return id is { Length: > 0 }
            ? (id, Json.Str(root.RootElement, "request_id"))
            : throw new UpstreamException(502, "InvalidResponse", "The create answer carried no task_id.", Json.Str(root.RootElement, "request_id"));
    }

    public async Task<UpstreamTask> GetTaskAsync(PooledKey key, string taskId, CancellationToken ct)
    {
        using var root = await SendJsonAsync("query", () => New(HttpMethod.Get, "api/v1/tasks/" + Uri.EscapeDataString(taskId), key),
            options.RequestTimeout, ct).ConfigureAwait(false);
        return UpstreamTask.Parse(root.RootElement);
    }

    /// <summary>One page of the account's tasks in a window (times already in the upstream's zone).</summary>
    public async Task<(IReadOnlyList<UpstreamListItem> Items, int TotalPages)> ListAsync(PooledKey key, DateTime start, DateTime end,
        string model, int pageNo, int pageSize, CancellationToken ct)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"api/v1/tasks?start_time={start:yyyyMMddHHmmss}&end_time={end:yyyyMMddHHmmss}&model_name={Uri.EscapeDataString(model)}&page_no={pageNo}&page_size={pageSize}");
        using var root = await SendJsonAsync("list", () => New(HttpMethod.Get, query, key), options.RequestTimeout, ct).ConfigureAwait(false);
        var items = new List<UpstreamListItem>();
        if (root.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var d in data.EnumerateArray())
            {
                items.Add(new UpstreamListItem(Json.Str(d, "task_id") ?? "", Json.Str(d, "status") ?? "", Json.Str(d, "model_name") ?? "",
                    Json.Long(d, "gmt_create") ?? 0, Json.Str(d, "request_id")));
            }
        }
        return (items, (int)(Json.Long(root.RootElement, "total_page") ?? 1));
    }

    public async Task<UploadPolicy> GetUploadPolicyAsync(PooledKey key, string model, CancellationToken ct)
    {
        using var root = await SendJsonAsync("getPolicy",
            () => New(HttpMethod.Get, "api/v1/uploads?action=getPolicy&model=" + Uri.EscapeDataString(model), key),
            options.RequestTimeout, ct).ConfigureAwait(false);
        var d = root.RootElement.TryGetProperty("data", out var data) ? data : root.RootElement.GetProperty("output");
        string Need(string name) => Json.Str(d, name) is { Length: > 0 } v
            ? v : throw new UpstreamException(502, "InvalidResponse", $"The upload policy carried no {name}.", Json.Str(root.RootElement, "request_id"));
        return new UploadPolicy(Need("upload_host"), Need("upload_dir").TrimEnd('/'), Need("oss_access_key_id"), Need("signature"), Need("policy"),
            Json.Str(d, "x_oss_object_acl") ?? "private", Json.Str(d, "x_oss_forbid_overwrite") ?? "true", Json.Num(d, "max_file_size_mb"));
    }

    /// <summary>Posts the OSS form (file last, as OSS requires) and returns the oss:// URL of the object.</summary>
    public async Task<string> UploadFileAsync(UploadPolicy policy, string localPath, string fileName, string contentType, CancellationToken ct)
    {
        var key = $"{policy.UploadDir}/{fileName}";
        await SendAsync("upload", () =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(policy.OssAccessKeyId), "OSSAccessKeyId" },
                { new StringContent(policy.Signature), "Signature" },
                { new StringContent(policy.Policy), "policy" },
                { new StringContent(policy.ObjectAcl), "x-oss-object-acl" },
                { new StringContent(policy.ForbidOverwrite), "x-oss-forbid-overwrite" },
                { new StringContent(key), "key" },
                { new StringContent("200"), "success_action_status" },
            };
            var file = new StreamContent(File.OpenRead(localPath));
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", fileName);
            return new HttpRequestMessage(HttpMethod.Post, policy.UploadHost) { Content = form };
        }, options.TransferTimeout, async (r, t) => await DrainAsync(r, t).ConfigureAwait(false), HttpCompletionOption.ResponseContentRead, ct)
            .ConfigureAwait(false);
        return "oss://" + key;
    }

    private HttpRequestMessage New(HttpMethod method, string relative, PooledKey key)
    {
        var request = new HttpRequestMessage(method, new Uri(_base, relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        return request;
    }

    private async Task<JsonDocument> SendJsonAsync(string what, Func<HttpRequestMessage> make, TimeSpan timeout, CancellationToken ct)
    {
        JsonDocument? doc = null;
        await SendAsync(what, make, timeout, async (response, t) =>
        {
            var text = await response.Content.ReadAsStringAsync(t).ConfigureAwait(false);
            try
            {
                doc = JsonDocument.Parse(text);
            }
            catch (JsonException)
            {
                throw new UpstreamException(502, "InvalidResponse", $"{what} answered with something that is not JSON.", null);
            }
        }, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        return doc!;
    }

    /// <summary>One exchange under its own timeout; the caller's token cancels, the timeout becomes a transient error.</summary>
    private async Task SendAsync(string what, Func<HttpRequestMessage> make, TimeSpan timeout,
        Func<HttpResponseMessage, CancellationToken, Task> onSuccess, HttpCompletionOption completion, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            using var request = make();
            using var response = await http.SendAsync(request, completion, limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ErrorFromAsync(response, limit.Token).ConfigureAwait(false);
            }
            await onSuccess(response, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw UpstreamException.Timeout(what, timeout);
        }
        catch (HttpRequestException e)
        {
            throw UpstreamException.Dropped(what, e);
        }
        catch (IOException e)
        {
            throw UpstreamException.Dropped(what, e);
        }
    }

    private static async Task<UpstreamException> ErrorFromAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        string code = status == 429 ? "Throttling" : status >= 500 ? "InternalError" : "HttpError", message = $"HTTP {status}";
        string? requestId = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            code = Json.Str(doc.RootElement, "code") ?? Json.Str(doc.RootElement, "Code") ?? code;
            message = Json.Str(doc.RootElement, "message") ?? Json.Str(doc.RootElement, "Message") ?? message;
            requestId = Json.Str(doc.RootElement, "request_id");
        }
        catch (JsonException)
        {
            // OSS answers XML (<Code>…</Code>); keep a short excerpt so the log says what happened.
            message = text.Length > 300 ? text[..300] : text;
        }
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return new UpstreamException(status, code, message, requestId, retryAfter);
    }

    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
}
