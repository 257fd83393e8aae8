using Microsoft.Extensions.Logging;
using Recut.Protocol.Errors;

namespace Recut.Engines.DashScope;

/// <summary>
/// Gets a Recut task its one upstream task: picks a key, uploads what upstream cannot fetch, creates — and after a
/// create whose answer was lost, looks the task up before ever creating again. Every step is recorded first, so a
/// worker that dies anywhere here leaves enough behind for the next one to carry on without a duplicate; a record write
/// lost to another worker (compare-and-set) makes this one read again and carry on from there.
/// </summary>
public sealed class UpstreamTaskCreator(UpstreamApi api, TemporaryFileUploader uploader, LostCreateLookup lookup, IUpstreamTaskJournal journal,
    DashScopeKeyPool pool, ICreateGate gate, DashScopeOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Upstream keeps temporary files 48 h; reuse an upload only well inside that.</summary>
    private static readonly TimeSpan UploadReuse = TimeSpan.FromHours(40);
    /// <summary>Each lost write means another worker moved the task on; this many in a row means something is wrong.</summary>
    private const int MaxConflicts = 10;
    private readonly Backoff _backoff = new(options);
    private readonly UpstreamRecordWriter _writer = new(journal, logger);

    public async Task<UpstreamTaskRecord> EnsureCreatedAsync(EditJob job, UpstreamTaskRecord? record, IEditObserver observer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        var conflicts = 0;
        while (true)
        {
            var key = ChooseKey(record, rejected) ?? throw new ApiErrorException(ErrorCodes.ModelUnavailable,
                "The upstream service rejects every configured API key (InvalidApiKey/Arrearage); the operator must fix the key pool.");
            if (record is null || record.KeyId != key.Id)
            {
                // Temporary files belong to the account that uploaded them: a new key starts from scratch (the same
                // stored record, replaced, so its version still guards the write).
                record = new UpstreamTaskRecord { TaskId = job.TaskId, KeyId = key.Id, Version = record?.Version ?? 0 };
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
            catch (UpstreamRecordConflictException) when (++conflicts <= MaxConflicts)
            {
                record = await journal.ReadAsync(job.TaskId, ct).ConfigureAwait(false);
                if (record?.UpstreamTaskId is not null)
                {
                    logger.LogInformation("Task {TaskId}: upstream task {UpstreamTaskId} was recorded by another worker meanwhile",
                        job.TaskId, record.UpstreamTaskId);
                    return record;
                }
                logger.LogInformation("Task {TaskId}: the relay record changed under this worker; carrying on from the stored one", job.TaskId);
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
            record = await _writer.SaveAsync(record with { Uploads = uploads, UploadedAt = now }, ct).ConfigureAwait(false);
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
            var pass = await gate.EnterAsync(key.Id, ct).ConfigureAwait(false);
            await using (pass.ConfigureAwait(false))
            {
                var sending = false;
                try
                {
                    // While this worker waited for the gate another may have moved the task on (a stale worker's create).
                    var stored = await journal.ReadAsync(job.TaskId, ct).ConfigureAwait(false);
                    if (stored?.UpstreamTaskId is not null)
                    {
                        return stored;
                    }
                    if ((stored?.Version ?? 0) != record.Version)
                    {
                        throw new UpstreamRecordConflictException(job.TaskId);
                    }
                    if (record.CreateStartedAt is { } sentAt)
                    {
                        // An earlier create (here or in a worker that died) may have made the task: never create blindly.
                        if (await lookup.FindAsync(key, sentAt, job.Request, ct).ConfigureAwait(false) is { } found)
                        {
                            pass.Lost.ThrowIfCancellationRequested();
                            record = await _writer.ClaimAsync(record, found, null).ConfigureAwait(false);
                            pool.ReportAccepted(key);
                            logger.LogWarning("Task {TaskId}: adopted upstream task {UpstreamTaskId} made by a create whose answer was lost",
                                job.TaskId, found);
                            return record;
                        }
                    }
                    record = await _writer.SaveAsync(record with { CreateStartedAt = time.GetUtcNow() }, ct).ConfigureAwait(false);
                    // Only an exclusive holder may create: a look-up elsewhere trusts that nobody else did meanwhile.
                    pass.Lost.ThrowIfCancellationRequested();
                    sending = true;
                    var (id, requestId) = await api.CreateAsync(key, body, ct).ConfigureAwait(false);
                    record = await _writer.ClaimAsync(record, id, requestId).ConfigureAwait(false);
                    pool.ReportAccepted(key);
                    logger.LogInformation("Task {TaskId}: upstream task {UpstreamTaskId} created with {Key} (request {RequestId})",
                        job.TaskId, id, key.Label, requestId);
                    return record;
                }
                catch (OperationCanceledException) when (pass.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    // The gate lapsed under this worker (a stall longer than its lease), so another may have moved the task
                    // on: read the record again and start over from it.
                    logger.LogWarning("Task {TaskId}: the create gate of {Key} was lost before the create", job.TaskId, key.Label);
                    throw new UpstreamRecordConflictException(job.TaskId);
                }
                catch (UpstreamException e) when (e.IsTransient)
                {
                    last = e;
                    if (sending && !e.MayHaveCreated)
                    {
                        // Throttled: upstream made nothing, so the next attempt need not look first.
                        record = await _writer.SaveAsync(record with { CreateStartedAt = null }, CancellationToken.None).ConfigureAwait(false);
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
