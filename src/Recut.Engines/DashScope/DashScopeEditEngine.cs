using Microsoft.Extensions.Logging;
using Recut.Media;
using Recut.Media.Fetching;
using Recut.Media.Probing;
using Recut.Protocol.Errors;

namespace Recut.Engines.DashScope;

/// <summary>
/// The relay engine "dashscope": runs the real wan2.7-videoedit model on Alibaba Model Studio (DashScope) with
/// Recut's keys, limits and durable tasks in front. One Recut task ↔ one upstream task (recorded in the task
/// database, so a restarted or replacement worker in any process resumes polling rather than paying twice); the finished mp4 is copied into Recut's result
/// store, so it outlives upstream's 24 h URL. Upstream ids stay private: they appear in logs, never on the wire.
/// </summary>
public sealed class DashScopeEditEngine : IEditEngine
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);
    private readonly UpstreamApi _api;
    private readonly UpstreamRetry _retry;
    private readonly UpstreamTaskCreator _creator;
    private readonly UpstreamPoller _poller;
    private readonly IUpstreamTaskJournal _journal;
    private readonly DashScopeKeyPool _pool;
    private readonly DashScopeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly UpstreamResultDownload _download;
    private long _lastSweepTicks;

    /// <param name="resultFetcher">
    /// The guarded fetcher the result link is downloaded with, limited to the upstream's result hosts
    /// (<see cref="DashScopeOptions.ResolveResultHosts"/>): the link comes from the upstream's answer, not from us.
    /// </param>
    public DashScopeEditEngine(DashScopeOptions options, DashScopeKeyPool pool, IUpstreamTaskJournal journal, ICreateGate gate,
        HttpClient http, IMediaFetcher resultFetcher, TimeProvider time, ILogger<DashScopeEditEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pool = pool;
        _journal = journal;
        _time = time;
        _logger = logger;
        _api = new UpstreamApi(http, options);
        _retry = new UpstreamRetry(options, time, logger);
        var lookup = new LostCreateLookup(_api, _retry, journal, options, time, logger);
        _creator = new UpstreamTaskCreator(_api, new TemporaryFileUploader(_api, _retry), lookup, journal, pool, gate, options, time, logger);
        _poller = new UpstreamPoller(_api, _retry, pool, options, time, logger);
        _download = new UpstreamResultDownload(resultFetcher, _retry);
    }

    public const string EngineName = "dashscope";

    public string Name => EngineName;

    public async Task<EditResult> RunAsync(EditJob job, IEditObserver observer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(observer);
        if (_pool.Count == 0)
        {
            throw new ApiErrorException(ErrorCodes.ModelUnavailable, "No upstream API key is configured (Recut:DashScope:ApiKeys or DASHSCOPE_API_KEY).");
        }
        await SweepJournalNowAndThenAsync(ct).ConfigureAwait(false);
        try
        {
            var record = await _journal.ReadAsync(job.TaskId, ct).ConfigureAwait(false);
            if (record?.UpstreamTaskId is null)
            {
                observer.OnProgress(0.01);
                record = await _creator.EnsureCreatedAsync(job, record, observer, ct).ConfigureAwait(false);
            }
            else
            {
                _logger.LogInformation("Task {TaskId}: resuming upstream task {UpstreamTaskId}", job.TaskId, record.UpstreamTaskId);
            }
            var key = _pool.Find(record.KeyId) ?? throw new ApiErrorException(ErrorCodes.InternalError,
                "The upstream API key this task was created with is no longer configured.");
            var done = await _poller.WaitAsync(job.TaskId, key, record.UpstreamTaskId!, observer, ct).ConfigureAwait(false);
            await _download.RunAsync(job, done, ct).ConfigureAwait(false);
            observer.OnProgress(0.99);
            var info = await ProbeAsync(job.OutputPath, ct).ConfigureAwait(false);
            _logger.LogInformation("Task {TaskId}: upstream result copied ({Bytes} bytes, usage {Billed} s)",
                job.TaskId, info.SizeBytes, done.BilledDuration);
            return new EditResult
            {
                ActualPrompt = job.Request.PromptExtend ? done.ActualPrompt : null,
                InputVideoDuration = done.InputVideoDuration ?? job.Video.Info.DurationSeconds,
                OutputVideoDuration = done.OutputVideoDuration ?? info.DurationSeconds,
                Width = info.DisplaySize.Width,
                Height = info.DisplaySize.Height,
            };
        }
        catch (UpstreamException e) when (!e.IsTransient && !e.IsKeyProblem)
        {
            // A request upstream refuses (InvalidParameter, DataInspectionFailed, …): its code and message, unchanged.
            _logger.LogWarning("Task {TaskId}: upstream refused ({Status} [{Code}] {Message}, request {RequestId})",
                job.TaskId, e.HttpStatus, e.Code, e.UpstreamMessage, e.RequestId);
            throw new ApiErrorException(e.Code, e.UpstreamMessage);
        }
        catch (UpstreamException e)
        {
            _logger.LogWarning("Task {TaskId}: upstream unavailable ({Status} [{Code}] {Message}, request {RequestId})",
                job.TaskId, e.HttpStatus, e.Code, e.UpstreamMessage, e.RequestId);
            throw new ApiErrorException(ErrorCodes.ModelUnavailable, $"The upstream service is unavailable: [{e.Code}] {e.UpstreamMessage}");
        }
    }

    private static async Task<MediaInfo> ProbeAsync(string path, CancellationToken ct)
    {
        try
        {
            return await new FfprobeReader().ProbeAsync(path, ct).ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            throw new ApiErrorException(ErrorCodes.AlgoError, "The upstream result is not a playable video: " + e.Message);
        }
    }

    /// <summary>
    /// Records outlive their tasks by a margin; any worker deletes old ones, at most once an hour per process. A sweep
    /// that fails costs nothing but a later retry, so it never fails the task that happened to run it.
    /// </summary>
    private async Task SweepJournalNowAndThenAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < SweepInterval.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }
        try
        {
            var deleted = await _journal.DeleteWrittenBeforeAsync(now - TimeSpan.FromHours(_options.JournalRetentionHours), ct).ConfigureAwait(false);
            if (deleted > 0)
            {
                _logger.LogInformation("Deleted {Count} old upstream task record(s)", deleted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Sweeping old upstream task records failed; the next task tries again");
            Interlocked.Exchange(ref _lastSweepTicks, last);
        }
    }
}
