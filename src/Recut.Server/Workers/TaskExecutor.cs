using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recut.Engines;
using Recut.Engines.Pipeline;
using Recut.Media;
using Recut.Media.Processes;
using Recut.Media.Storage;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;
using Recut.Server.Configuration;
using Recut.Server.Observability;
using Recut.Server.Uploads;
using Recut.Tasks;

namespace Recut.Server.Workers;

/// <summary>
/// Runs one leased task to a final state: heartbeat while the edit runs, store the result, then a
/// compare-and-set to SUCCEEDED or FAILED. If the lease is lost (we were presumed dead), the edit is
/// abandoned and nothing is written: the task belongs to whoever holds the lease now.
/// </summary>
public sealed class TaskExecutor(
    ITaskStore store,
    EditPipeline pipeline,
    IInputResolver inputs,
    UploadStore uploads,
    IResultStore results,
    RecutMetrics metrics,
    Webhooks.WebhookWakeup webhooks,
    IOptions<RecutOptions> options,
    ILogger<TaskExecutor> logger)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    public async Task ExecuteAsync(TaskLease lease, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var o = options.Value;
        var task = lease.Task;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TaskId"] = task.Id, ["Attempt"] = task.Attempts });
        logger.LogInformation("Task {TaskId} started (attempt {Attempt})", task.Id, task.Attempts);
        webhooks.Notify(); // the lease wrote task.running to the outbox (when someone listens)

        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        leaseLost.CancelAfter(TimeSpan.FromSeconds(o.EditTimeoutSeconds));
        var observer = new StoreEditObserver(store, task, lease.Token);
        var heartbeat = HeartbeatAsync(task.Id, lease.Token, observer, TimeSpan.FromSeconds(o.LeaseSeconds), leaseLost);
        var workDir = Path.Combine(o.DataDirectory, "work", $"{task.Id:N}-{task.Attempts}");
        var clock = Stopwatch.StartNew();
        // The task's log: each ffmpeg command line as typed, then its stderr (debug level), under the task's scope.
        using var processLog = ProcessLog.Begin(line =>
        {
            if (line.StartsWith("$ ", StringComparison.Ordinal))
            {
                logger.LogInformation("Task {TaskId} runs {CommandLine}", task.Id, line[2..]);
            }
            else
            {
                logger.LogDebug("Task {TaskId} ffmpeg: {Line}", task.Id, line);
            }
        });
        try
        {
            // The task's own inputs only, and ffmpeg's working directory: a relative name can mean nothing else.
            PrivateFolder.Create(workDir);
            var output = Path.Combine(workDir, "result.mp4");
            var result = await pipeline.RunAsync(task.Id, task.Request, new UploadInputResolver(uploads, task.TenantId, inputs), workDir, output, observer, leaseLost.Token);
            var key = await results.PutAsync(task.Id, output, leaseLost.Token);
            var usage = new TaskUsage(result.InputVideoDuration, result.OutputVideoDuration, 1, OutputSize.ShortLabel(task.Request.Resolution));
            await FinishAsync(task, "SUCCEEDED", null,
                store.CompleteAsync(task.Id, lease.Token, key, usage, CancellationToken.None));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: leave the task RUNNING; its lease expires and a worker (here after restart, or elsewhere) runs it again.
            logger.LogWarning("Task {TaskId} interrupted by shutdown; it will run again when its lease expires", task.Id);
        }
        catch (OperationCanceledException) when (observer.LeaseLost)
        {
            logger.LogWarning("Task {TaskId} lost its lease; abandoning this attempt", task.Id);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            await FailAsync(task, lease, ErrorCodes.Timeout, $"The edit did not finish within {o.EditTimeoutSeconds} s.");
        }
        catch (Exception e)
        {
            var (code, message) = Classify(e);
            // The caller reads only the catalogue message; what really happened (ffmpeg's words, paths, the stack)
            // is for the operator, under the task's id.
            if (code.StartsWith("InternalError", StringComparison.Ordinal))
            {
                logger.LogError(e, "Task {TaskId} failed: {Code}", task.Id, code);
            }
            else
            {
                logger.LogInformation("Task {TaskId} failed on its input: {Code} ({Detail})", task.Id, code, e.InnerException?.Message ?? e.Message);
            }
            await FailAsync(task, lease, code, message);
        }
        finally
        {
            await leaseLost.CancelAsync();
            await heartbeat;
            metrics.EditSeconds.Record(clock.Elapsed.TotalSeconds);
            TryDelete(workDir);
        }
    }

    private async Task FailAsync(EditTask task, TaskLease lease, string code, string message) =>
        await FinishAsync(task, "FAILED", code, store.FailAsync(task.Id, lease.Token, code, message, CancellationToken.None));

    private async Task FinishAsync(EditTask task, string status, string? code, Task<bool> write)
    {
        if (await write)
        {
            webhooks.Notify();
            metrics.TasksFinished.Add(1, new("status", status), new("code", code ?? ""));
            logger.LogInformation("Task {TaskId} {Status} {Code}", task.Id, status, code);
        }
        else
        {
            logger.LogWarning("Task {TaskId}: lease no longer ours, {Status} not recorded", task.Id, status);
        }
    }

    /// <summary>
    /// Maps what went wrong to a task failure code and a catalogue message. Only errors Recut built for the caller
    /// (API and media errors) pass their message on; ffmpeg's stderr, exception text and paths never do.
    /// </summary>
    public static (string Code, string Message) Classify(Exception e) => e switch
    {
        ApiErrorException api => (api.Error.Code, api.Error.Message),
        MediaException media => (media.Code, media.Message),
        FfmpegException { TimedOut: true } => (ErrorCodes.Timeout, ErrorMessages.RenderTimedOut),
        FfmpegException => (ErrorCodes.AlgoError, ErrorMessages.RenderFailed),
        _ => (ErrorCodes.InternalError, ErrorMessages.EditFailed),
    };

    private async Task HeartbeatAsync(Guid id, string token, StoreEditObserver observer, TimeSpan lease, CancellationTokenSource edit)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(edit.Token))
            {
                bool ours;
                try
                {
                    ours = await store.HeartbeatAsync(id, token, lease, observer.Percent, edit.Token);
                    webhooks.Notify(); // a progress step may have written task.progress
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A transient store error is not a lost lease; the next beat retries well within the lease.
                    logger.LogWarning(e, "Heartbeat of task {TaskId} failed", id);
                    continue;
                }
                if (!ours)
                {
                    observer.LeaseLost = true;
                    await edit.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The edit ended (or the host stops): heartbeats end with it.
        }
    }

    private void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete work folder {Dir}", dir);
        }
    }
}
