using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;
using Recut.Protocol.Requests;

namespace Recut.Client;

/// <summary>
/// Client for the Wan 2.7 video-edit protocol: Recut, DashScope or an APIYI gateway, chosen by base URL and dialect.
/// Only safe calls are retried: GETs, uploads, and creates that carry an Idempotency-Key the endpoint honours.
/// </summary>
public sealed class RecutClient
{
    private const string DashScopeCreate = "api/v1/services/aigc/video-generation/video-synthesis";
    private const string ApiyiCreate = "wan/api/v1/services/aigc/video-generation/video-synthesis";

    private readonly HttpClient _http;
    private readonly RecutClientOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    // Set once the endpoint showed it has no event stream, so later waits poll straight away.
    private volatile bool _noEventStream;

    public RecutClient(HttpClient http, RecutClientOptions options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            // MaxRetries = 0 means "send once": Polly refuses a retry strategy with no retries, so none is added.
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
            });
        }
        _retry = builder.Build();
    }

    public RecutClientOptions Options => _options;

    /// <summary>Creates an edit task; returns its id.</summary>
    public async Task<string> CreateEditTaskAsync(EditTaskSpec spec, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var body = CreateBody.Build(spec).ToJsonString();
        var path = _options.Dialect == Dialect.Apiyi ? ApiyiCreate : DashScopeCreate;
        var canRetry = spec.IdempotencyKey is not null && _options.CreatesAreRetrySafe;
        using var response = await SendAsync(() =>
        {
            var request = NewRequest(HttpMethod.Post, path);
            request.Headers.Add("X-DashScope-Async", "enable");
            if (spec.IdempotencyKey is { } key)
            {
                request.Headers.Add("Idempotency-Key", key);
            }
            if (spec.VideoUrl.StartsWith("oss://", StringComparison.Ordinal) || spec.ReferenceImageUrls.Any(u => u.StartsWith("oss://", StringComparison.Ordinal)))
            {
                request.Headers.Add("X-DashScope-OssResourceResolve", "enable");
            }
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return request;
        }, canRetry, ct).ConfigureAwait(false);
        using var doc = await ApiResponse.ReadJsonAsync(response, ct).ConfigureAwait(false);
        return doc.RootElement.GetProperty("output").GetProperty("task_id").GetString()
            ?? throw new RecutApiException((int)response.StatusCode, "InvalidResponse", "create answered without a task_id", null);
    }

    /// <summary>Reads a task. Against the APIYI dialect a missing task raises TaskNotFound; against DashScope it reads UNKNOWN.</summary>
    public async Task<TaskInfo> GetTaskAsync(string taskId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        var id = Uri.EscapeDataString(taskId);
        if (_options.Dialect == Dialect.Apiyi)
        {
            using var r = await SendAsync(() => NewRequest(HttpMethod.Get, $"v1/tasks/{id}"), true, ct).ConfigureAwait(false);
            using var d = await ApiResponse.ReadJsonAsync(r, ct).ConfigureAwait(false);
            return TaskShapes.FromApiyi(d.RootElement);
        }
        using var response = await SendAsync(() => NewRequest(HttpMethod.Get, $"api/v1/tasks/{id}"), true, ct).ConfigureAwait(false);
        using var doc = await ApiResponse.ReadJsonAsync(response, ct).ConfigureAwait(false);
        return TaskShapes.FromDashScope(doc.RootElement);
    }

    /// <summary>
    /// Waits until the task is final: following its event stream where the endpoint has one (a Recut server: every
    /// status and progress change as it happens), else — or when the stream cannot be resumed — polling, backing off
    /// from MinPollInterval to MaxPollInterval. Returns the final task; throws <see cref="RecutApiException"/> when it
    /// FAILED, was CANCELED or is UNKNOWN.
    /// </summary>
    public async Task<TaskInfo> WaitAsync(string taskId, IProgress<TaskInfo>? progress = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        if (_options.WantsEventStream && !_noEventStream)
        {
            var stream = new TaskEventStream(_http, () => NewRequest(HttpMethod.Get, $"api/v1/tasks/{Uri.EscapeDataString(taskId)}/events"),
                _options.EventStreamStallTimeout);
            await foreach (var streamed in stream.ReadAsync(ct).ConfigureAwait(false))
            {
                progress?.Report(streamed);
                if (streamed.IsFinal)
                {
                    return Finished(streamed);
                }
            }
            _noEventStream = !stream.Supported;
        }
        var delay = _options.MinPollInterval;
        while (true)
        {
            var task = await GetTaskAsync(taskId, ct).ConfigureAwait(false);
            progress?.Report(task);
            if (task.IsFinal)
            {
                return Finished(task);
            }
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(_options.MaxPollInterval.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }

    private static TaskInfo Finished(TaskInfo task) => task.Status == "SUCCEEDED"
        ? task
        : throw new RecutApiException(200, task.ErrorCode ?? task.Status, task.ErrorMessage ?? $"The task ended {task.Status}.", null);

    /// <summary>Downloads a finished task's video (its signed URL needs no key) to <paramref name="path"/>, atomically.</summary>
    public async Task DownloadResultAsync(TaskInfo task, string path, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var url = task.VideoUrl ?? throw new InvalidOperationException($"Task {task.TaskId} has no result URL (status {task.Status}).");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), true, ct, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await ApiResponse.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        var total = response.Content.Headers.ContentLength;
        var tmp = path + ".part";
        await using (var source = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
        await using (var target = File.Create(tmp))
        {
            var buffer = new byte[81920];
            long done = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                done += read;
                if (total > 0)
                {
                    progress?.Report((double)done / total.Value);
                }
            }
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>
    /// Uploads a local video or image and returns an oss:// URL to put in <see cref="EditTaskSpec"/> (the create then
    /// sends X-DashScope-OssResourceResolve: enable). DashScope's temporary-file flow (getPolicy + form upload; the URL
    /// is valid 48 h for the same account and model); a Recut server without getPolicy gets its own upload instead.
    /// Transient failures (429, 5xx, network) are retried with a fresh policy each time.
    /// </summary>
    public async Task<string> UploadAsync(string localPath, string model = "wan2.7-videoedit", CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var upload = new TemporaryFileUpload(_http, _options);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await upload.UploadAsync(localPath, model, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _options.MaxRetries && e is HttpRequestException or RecutApiException { IsTransient: true })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt) * (0.5 + Random.Shared.NextDouble() / 2)), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Cancels a PENDING task; throws UnsupportedOperation otherwise.</summary>
    public async Task CancelAsync(string taskId, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => NewRequest(HttpMethod.Post, $"api/v1/tasks/{Uri.EscapeDataString(taskId)}/cancel"), false, ct).ConfigureAwait(false);
        using var _ = await ApiResponse.ReadJsonAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>Lists the caller's tasks (DashScope list API).</summary>
    public async Task<TaskListPage> ListAsync(TaskListFilter? filter = null, CancellationToken ct = default)
    {
        var query = (filter ?? new TaskListFilter()).ToQueryString();
        using var response = await SendAsync(() => NewRequest(HttpMethod.Get, "api/v1/tasks" + query), true, ct).ConfigureAwait(false);
        using var doc = await ApiResponse.ReadJsonAsync(response, ct).ConfigureAwait(false);
        return TaskShapes.ListFrom(doc.RootElement);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(EnsureSlash(_options.BaseUrl), relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, bool retry, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        if (!retry)
        {
            using var once = make();
            return await _http.SendAsync(once, completion, ct).ConfigureAwait(false);
        }
        return await _retry.ExecuteAsync(async token =>
        {
            using var request = make();
            return await _http.SendAsync(request, completion, token).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    private static Uri EnsureSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
