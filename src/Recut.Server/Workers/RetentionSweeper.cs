using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recut.Media.Storage;
using Recut.Server.Configuration;
using Recut.Tasks;

namespace Recut.Server.Workers;

/// <summary>
/// Deletes tasks and their result files once they are older than the retention window (API.md §6), and the webhook
/// events that are finished (delivered or given up) by then; an event still being retried stays until it is.
/// </summary>
public sealed class RetentionSweeper(
    ITaskStore store,
    IResultStore results,
    Recut.Tasks.Webhooks.IWebhookStore webhooks,
    TimeProvider time,
    IOptions<RecutOptions> options,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StaleWorkAge = TimeSpan.FromHours(1);

    /// <summary>Often enough that nothing outlives its retention by more than a quarter of it.</summary>
    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Clamp(options.Value.RetentionHours * 3600 / 4, 1, MaxInterval.TotalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Retention sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromHours(options.Value.RetentionHours);
        var expired = await store.DeleteSubmittedBeforeAsync(cutoff, ct);
        foreach (var task in expired)
        {
            if (task.ResultKey is { } key)
            {
                await results.DeleteAsync(key, ct);
            }
        }
        if (expired.Count > 0)
        {
            logger.LogInformation("Retention: deleted {Count} task(s) submitted before {Cutoff:O}", expired.Count, cutoff);
        }
        await webhooks.DeleteFinishedBeforeAsync(cutoff, ct);
        DeleteStaleWorkFolders();
        return expired.Count;
    }

    /// <summary>A killed attempt leaves its scratch folder behind; no live attempt keeps one for an hour untouched.</summary>
    private void DeleteStaleWorkFolders()
    {
        var work = new DirectoryInfo(Path.Combine(options.Value.DataDirectory, "work"));
        if (!work.Exists)
        {
            return;
        }
        foreach (var dir in work.EnumerateDirectories().Where(d => time.GetUtcNow() - d.LastWriteTimeUtc > StaleWorkAge))
        {
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not delete stale work folder {Dir}", dir.FullName);
            }
        }
    }
}
