using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Recut.Server.Uploads;

/// <summary>Deletes uploads once their retention window is over, like the task sweeper does for tasks and results.</summary>
public sealed class UploadSweeper(UploadStore store, UploadQuota quota, TimeProvider time, ILogger<UploadSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(5);

    /// <summary>Often enough that nothing outlives its retention by more than a quarter of it.</summary>
    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Clamp(store.Retention.TotalSeconds / 4, 1, MaxInterval.TotalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(stoppingToken);
                if (deleted > 0)
                {
                    quota.Invalidate(); // expired bytes no longer count toward what a key holds
                    logger.LogInformation("Retention: deleted {Count} expired upload(s)", deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Upload sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
