using Microsoft.Extensions.Logging;
using Recut.Protocol.Errors;

namespace Recut.Engines.DashScope;

/// <summary>
/// Polls one upstream task until it ends, backing off from PollMin to PollMax and never above the key's query rate.
/// Upstream failures end the Recut task with upstream's code and message unchanged; a query that fails transiently
/// only delays the next one (the upstream task carries on regardless).
/// </summary>
public sealed class UpstreamPoller(UpstreamApi api, UpstreamRetry retry, DashScopeKeyPool pool, DashScopeOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>A freshly created task may not be visible at once; UNKNOWN only counts after this.</summary>
    private static readonly TimeSpan UnknownGrace = TimeSpan.FromSeconds(60);
    /// <summary>Typical time of a video edit upstream (1–5 min): shapes the progress estimate.</summary>
    private static readonly TimeSpan TypicalRun = TimeSpan.FromMinutes(2);

    /// <summary>Returns the SUCCEEDED task; throws <see cref="ApiErrorException"/> for any other end.</summary>
    public async Task<UpstreamTask> WaitAsync(Guid taskId, PooledKey key, string upstreamId, IEditObserver observer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var delay = TimeSpan.FromSeconds(options.PollMinSeconds);
        var started = time.GetUtcNow();
        DateTimeOffset? runningSince = null;
        var status = "";
        var planReported = false;
        while (true)
        {
            UpstreamTask? task = null;
            try
            {
                await key.Queries.WaitAsync(ct).ConfigureAwait(false);
                task = await retry.RunAsync(t => api.GetTaskAsync(key, upstreamId, t), ct).ConfigureAwait(false);
            }
            catch (UpstreamException e) when (e.IsTransient)
            {
                logger.LogWarning("Task {TaskId}: polling upstream task {UpstreamTaskId} failed ({Code}); polling goes on", taskId, upstreamId, e.Code);
            }
            catch (UpstreamException e) when (e.IsKeyProblem)
            {
                pool.ReportRejected(key, e.Code, e.UpstreamMessage);
                throw new ApiErrorException(ErrorCodes.ModelUnavailable,
                    $"The upstream key of this task was rejected while it ran ([{e.Code}] {e.UpstreamMessage}).");
            }
            if (task is not null)
            {
                var now = time.GetUtcNow();
                if (task.Status != status)
                {
                    logger.LogInformation("Task {TaskId}: upstream task {UpstreamTaskId} is {Status} (request {RequestId})",
                        taskId, upstreamId, task.Status, task.RequestId);
                    status = task.Status;
                }
                if (!planReported && task.ActualPrompt is { Length: > 0 } plan)
                {
                    await observer.OnPlanAsync(new PlanReport(plan), ct).ConfigureAwait(false);
                    planReported = true;
                }
                switch (task.Status)
                {
                    case "SUCCEEDED":
                        return task;
                    case "FAILED":
                        throw new ApiErrorException(task.Code ?? ErrorCodes.InternalError, task.Message ?? "The upstream task failed without a message.");
                    case "CANCELED":
                        throw new ApiErrorException(ErrorCodes.InternalError, "The upstream task was canceled outside Recut.");
                    case "RUNNING":
                        runningSince ??= now;
                        var run = (now - runningSince.Value).TotalSeconds / TypicalRun.TotalSeconds;
                        observer.OnProgress(0.15 + 0.75 * (1 - Math.Exp(-run)));
                        break;
                    case "PENDING":
                        observer.OnProgress(0.12);
                        break;
                    default:
                        if (now - started > UnknownGrace)
                        {
                            throw new ApiErrorException(ErrorCodes.InternalError,
                                "The upstream service no longer knows this task (its 24 h retention is over, or the key now belongs to another account).");
                        }
                        break;
                }
            }
            await Task.Delay(Jitter(delay), time, ct).ConfigureAwait(false);
            delay = TimeSpan.FromSeconds(Math.Min(options.PollMaxSeconds, delay.TotalSeconds * 1.5));
        }
    }

    private static TimeSpan Jitter(TimeSpan d) => d * (0.8 + Random.Shared.NextDouble() * 0.4);
}
