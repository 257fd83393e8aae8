using Recut.Media.Processes;
using Recut.Media.Storage.S3;
using Recut.Media.Tools;
using Recut.Server.Configuration;

namespace Recut.Server.Hosting;

/// <summary>
/// What a host verifies before it serves or works: the settings, then ffmpeg and ffprobe (versions, encoders,
/// filters). Either failure stops start-up with one message (<see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
/// or <see cref="ToolUnavailableException"/>), the way a supervisor expects a misconfigured service to fail.
/// </summary>
public static class StartupChecks
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ToolReport? _usable;

    public static async Task<ToolReport> RunAsync(RecutOptions options, CancellationToken ct)
    {
        RecutOptionsValidation.ThrowIfInvalid(options);
        var tools = await ToolsAsync(ct).ConfigureAwait(false);
        await ObjectStorageAsync(options, ct).ConfigureAwait(false);
        return tools;
    }

    /// <summary>
    /// A configured bucket must answer before anything is accepted: a task that renders for minutes and then cannot
    /// store its result, or an upload that cannot be kept, is worse than a process that refuses to start.
    /// </summary>
    public static async Task ObjectStorageAsync(RecutOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.S3.Enabled)
        {
            return;
        }
        using var bucket = new S3Bucket(options.S3);
        // A server error ("InternalError: please try again") says nothing about the settings: it is asked again for
        // about half a minute (the SDK's own retries come first) before start-up gives up on the store.
        var waits = new[] { 1, 2, 4, 8, 15 }.Select(s => TimeSpan.FromSeconds(s));
        using var attempts = waits.GetEnumerator();
        while (true)
        {
            try
            {
                await bucket.CheckAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (ObjectStorageUnavailableException e) when (e.Transient && attempts.MoveNext())
            {
                await Task.Delay(attempts.Current, ct).ConfigureAwait(false);
            }
            catch (ObjectStorageUnavailableException e)
            {
                throw new Microsoft.Extensions.Options.OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName,
                    typeof(RecutOptions), [$"RECUT_S3_BUCKET: {e.Message}"]);
            }
        }
    }

    /// <summary>
    /// The inspection, remembered only once it succeeded: the tools do not change under a running process, and hosts
    /// built in one process (tests) need not start four processes each. A failure is never remembered, so a host built
    /// after the operator installs ffmpeg sees it.
    /// </summary>
    public static async Task<ToolReport> ToolsAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_usable is { } known)
            {
                return known;
            }
            var report = await ToolInspection.InspectAsync(ProcessRunner.Ffmpeg, ProcessRunner.Ffprobe, ct).ConfigureAwait(false);
            if (!report.Usable)
            {
                throw new ToolUnavailableException(report.Describe());
            }
            return _usable = report;
        }
        finally
        {
            Gate.Release();
        }
    }
}
