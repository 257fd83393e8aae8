using Microsoft.Extensions.Logging;
using Recut.Protocol.Errors;

namespace Recut.Engines.DashScope;

/// <summary>
/// Gets a Recut task its one upstream task: picks a key, uploads what upstream cannot fetch, creates — and after a
/// create whose answer was lost, looks the task up before ever creating again. Every step is journaled first, so a
/// worker that dies anywhere here leaves enough behind for the next one to carry on without a duplicate.
/// </summary>
public sealed class UpstreamTaskCreator(UpstreamApi api, TemporaryFileUploader uploader, LostCreateLookup lookup, IUpstreamTaskJournal journal,
    DashScopeKeyPool pool, CreateGate gate, DashScopeOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Upstream keeps temporary files 48 h; reuse an upload only well inside that.</summary>
    private static readonly TimeSpan UploadReuse = TimeSpan.FromHours(40);
    private readonly Backoff _backoff = new(options);

    public async Task<UpstreamTaskRecord> EnsureCreatedAsync(EditJob job, UpstreamTaskRecord? record, IEditObserver observer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var key = ChooseKey(record, rejected) ?? throw new ApiErrorException(ErrorCodes.ModelUnavailable,
                "The upstream service rejects every configured API key (InvalidApiKey/Arrearage); the operator must fix the key pool.");
            if (record is null || record.KeyId != key.Id)
            {
                // Temporary files belong to the account that uploaded them: a new key starts from scratch.
                record = new UpstreamTaskRecord { TaskId = job.TaskId, KeyId = key.Id };
            }
            try
            {
                var (withUploads, video, references) = await UploadInputsAsync(job, key, record, ct).ConfigureAwait(false);
                record = withUploads;
                observer.OnProgress(0.1);
                return await CreateAsync(job, key, record, UpstreamRequestBody.Build(job.Request, video, references), ct).ConfigureAwait(false);
            }
            catch (UpstreamException e) when (e.IsKeyProblem)
            {
                var removed = pool.ReportRejected(key, e.Code, e.UpstreamMessage);
                logger.LogWarning("Task {TaskId}: upstream rejected {Key} ([{Code}] {Message}, request {RequestId}){Removed}",
                    job.TaskId, key.Label, e.Code, e.UpstreamMessage, e.RequestId, removed ? "; key taken out of rotation" : "");
                rejected.Add(key.Id);
            }
        }
    }

    private PooledKey? ChooseKey(UpstreamTaskRecord? record, HashSet<string> rejected)
    {
        if (record is not null && !rejected.Contains(record.KeyId) && pool.Find(record.KeyId) is { } previous)
        {
            // A create that may have happened can only be looked up with its own key; uploads are reused with it too.
            if (record.CreateStartedAt is not null || pool.IsInRotation(previous.Id))
            {
                return previous;
            }
        }
        return pool.Next(rejected);
    }

    private async Task<(UpstreamTaskRecord Record, string Video, List<string> References)> UploadInputsAsync(EditJob job, PooledKey key,
        UpstreamTaskRecord record, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var uploads = record.UploadedAt is { } at && now - at < UploadReuse
            ? new Dictionary<string, string>(record.Uploads, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var uploadedNow = false;

        async Task<string> ResolveAsync(string url, LocalMedia media, string name)
        {
            if (!MediaRouting.MustUpload(url, options.MediaUpload))
            {
                return url;
            }
            if (!uploads.TryGetValue(url, out var oss))
            {
                oss = await uploader.UploadAsync(key, job.Request.Model, media, name, ct).ConfigureAwait(false);
                uploads[url] = oss;
                uploadedNow = true;
                logger.LogInformation("Task {TaskId}: uploaded {Name} as a temporary upstream file with {Key}", job.TaskId, name, key.Label);
            }
            return oss;
        }

        var video = await ResolveAsync(job.Request.VideoUrl, job.Video, "video").ConfigureAwait(false);
        var references = new List<string>();
        for (var i = 0; i < job.ReferenceImages.Count && i < job.Request.ReferenceImageUrls.Count; i++)
        {
            references.Add(await ResolveAsync(job.Request.ReferenceImageUrls[i], job.ReferenceImages[i], $"reference-{i + 1}").ConfigureAwait(false));
        }
        if (uploadedNow)
        {
            record = record with { Uploads = uploads, UploadedAt = now };
            await journal.WriteAsync(record, ct).ConfigureAwait(false);
        }
        return (record, video, references);
    }

    private async Task<UpstreamTaskRecord> CreateAsync(EditJob job, PooledKey key, UpstreamTaskRecord record, System.Text.Json.Nodes.JsonObject body,
        CancellationToken ct)
    {
        UpstreamException? last = null;
        for (var attempt = 1; ; attempt++)
        {
            await key.Submits.WaitAsync(ct).ConfigureAwait(false);
            var gateHeld = await gate.EnterAsync(ct).ConfigureAwait(false);
            await using (gateHeld.ConfigureAwait(false))
            {
                var sending = false;
                try
                {
                    if (record.CreateStartedAt is { } sentAt)
                    {
                        // An earlier create (here or in a worker that died) may have made the task: never create blindly.
                        if (await lookup.FindAsync(key, sentAt, job.Request, ct).ConfigureAwait(false) is { } found)
                        {
                            record = record with { UpstreamTaskId = found };
                            await journal.WriteAsync(record, CancellationToken.None).ConfigureAwait(false);
                            pool.ReportAccepted(key);
                            logger.LogWarning("Task {TaskId}: adopted upstream task {UpstreamTaskId} made by a create whose answer was lost",
                                job.TaskId, found);
                            return record;
                        }
                    }
                    record = record with { CreateStartedAt = time.GetUtcNow() };
                    await journal.WriteAsync(record, ct).ConfigureAwait(false);
                    sending = true;
                    var (id, requestId) = await api.CreateAsync(key, body, ct).ConfigureAwait(false);
                    record = record with { UpstreamTaskId = id, CreateRequestId = requestId };
                    await journal.WriteAsync(record, CancellationToken.None).ConfigureAwait(false);
                    pool.ReportAccepted(key);
                    logger.LogInformation("Task {TaskId}: upstream task {UpstreamTaskId} created with {Key} (request {RequestId})",
                        job.TaskId, id, key.Label, requestId);
                    return record;
                }
                catch (UpstreamException e) when (e.IsTransient)
                {
                    last = e;
                    if (sending && !e.MayHaveCreated)
                    {
                        // Throttled: upstream made nothing, so the next attempt need not look first.
                        record = record with { CreateStartedAt = null };
                        await journal.WriteAsync(record, CancellationToken.None).ConfigureAwait(false);
                    }
                    logger.LogWarning("Task {TaskId}: upstream create attempt {Attempt} failed ({Status} [{Code}] {Message}, request {RequestId})",
                        job.TaskId, attempt, e.HttpStatus, e.Code, e.UpstreamMessage, e.RequestId);
                }
            }
            if (attempt >= Math.Max(1, options.MaxAttempts))
            {
                throw new ApiErrorException(ErrorCodes.ModelUnavailable,
                    $"The upstream service did not accept the task after {attempt} attempts (last answer: [{last!.Code}] {last.UpstreamMessage}).");
            }
            await Task.Delay(_backoff.For(attempt, last!.RetryAfter), time, ct).ConfigureAwait(false);
        }
    }
}
