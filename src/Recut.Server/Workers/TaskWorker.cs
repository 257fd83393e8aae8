using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recut.Server.Configuration;
using Recut.Tasks;

namespace Recut.Server.Workers;

/// <summary>
/// One worker loop: lease the oldest runnable task, run it, repeat. Several run per process and any number of
/// processes may share one store; the store's compare-and-set leasing keeps them from running a task twice at once.
/// </summary>
public sealed class TaskWorker(
    int index,
    ITaskStore store,
    TaskExecutor executor,
    TaskWakeup wakeup,
    IOptions<RecutOptions> options,
    ILogger<TaskWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{index}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var lease = TimeSpan.FromSeconds(o.LeaseSeconds);
        logger.LogInformation("Worker {WorkerId} started", _workerId);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Before every lease: leasing would otherwise pick up an expired task that has used all its attempts.
                var failed = await store.FailExhaustedAsync(o.MaxAttempts, stoppingToken);
                if (failed > 0)
                {
                    logger.LogWarning("Failed {Count} task(s) abandoned by workers {Max} times", failed, o.MaxAttempts);
                }
                var leased = await store.TryLeaseNextAsync(_workerId, lease, o.ConcurrencyPerKey, stoppingToken);
                if (leased is null)
                {
                    await wakeup.WaitAsync(PollInterval, stoppingToken);
                    continue;
                }
                await executor.ExecuteAsync(leased, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A store hiccup (locked file, lost connection) must not kill the worker: log, back off, go on.
                logger.LogError(e, "Worker {WorkerId} loop error", _workerId);
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
