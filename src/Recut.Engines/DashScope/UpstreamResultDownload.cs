using Recut.Media;
using Recut.Media.Fetching;
using Recut.Protocol.Errors;

namespace Recut.Engines.DashScope;

/// <summary>
/// Copies a finished upstream task's <c>video_url</c> into the job's output path through the guarded fetcher.
/// A refusal (host not allow-listed, a private or metadata address, a non-http scheme, too large) fails the task at
/// once; anything else (HTTP errors, dropped or slow connections) is retried like every other upstream call.
/// </summary>
internal sealed class UpstreamResultDownload(IMediaFetcher fetcher, UpstreamRetry retry)
{
    public async Task RunAsync(EditJob job, UpstreamTask done, CancellationToken ct)
    {
        var text = done.VideoUrl ?? throw new ApiErrorException(ErrorCodes.AlgoError, "The upstream task succeeded without a video_url.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            throw new ApiErrorException(ErrorCodes.AlgoError, "The upstream task succeeded with a video_url that is not an absolute URL.");
        }
        try
        {
            await retry.RunAsync(async t =>
            {
                try
                {
                    await fetcher.FetchAsync(url, MediaKind.Video, job.OutputPath, t).ConfigureAwait(false);
                }
                catch (MediaException e) when (IsTransient(e))
                {
                    // Status 0 = "no usable answer": the retry policy treats it as transient.
                    throw new UpstreamException(0, e.Code, e.Message, null, null, e);
                }
            }, ct).ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            throw new ApiErrorException(ErrorCodes.InternalError,
                $"The upstream result link was refused, so the result was not copied: {e.Message} "
                + "(allowed result hosts: Recut:DashScope:ResultHosts).");
        }
        catch (UpstreamException e)
        {
            throw new ApiErrorException(ErrorCodes.InternalError, $"The upstream result could not be downloaded ({e.Code}): {e.UpstreamMessage}");
        }
    }

    /// <summary>Refusals by the fetcher's own rules are final; a failed or broken transfer may work next time.</summary>
    private static bool IsTransient(MediaException e) =>
        e.Code is not (MediaErrorCodes.InvalidUrl or MediaErrorCodes.FileSize);
}
