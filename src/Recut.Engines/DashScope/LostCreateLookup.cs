using Microsoft.Extensions.Logging;
using Recut.Protocol.Requests;

namespace Recut.Engines.DashScope;

/// <summary>
/// After a create whose answer never arrived: is there an upstream task that create made? Lists the account's tasks
/// of the model from just before the create, drops those another Recut task already claims, and checks the prompt
/// of what is left (upstream echoes it as orig_prompt). Runs inside the key's <see cref="ICreateGate"/>, so no other Recut
/// create with that key can muddy the window. Looks twice, a grace period apart, because a slow create may land late.
/// </summary>
public sealed class LostCreateLookup(UpstreamApi api, UpstreamRetry retry, IUpstreamTaskJournal journal, DashScopeOptions options,
    TimeProvider time, ILogger logger)
{
    private const int PageSize = 50;
    private const int MaxPages = 20;
    /// <summary>Tolerated difference between our clock and upstream's gmt_create.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);
    private readonly TimeZoneInfo _zone = options.ResolveListTimeZone();

    /// <summary>The upstream task id the lost create made, or null when none appeared (a new create is then safe).</summary>
    public async Task<string?> FindAsync(PooledKey key, DateTimeOffset sentAt, EditRequest request, CancellationToken ct)
    {
        var grace = TimeSpan.FromSeconds(options.LostCreateGraceSeconds);
        for (var round = 0; round < 2; round++)
        {
            await Task.Delay(grace, time, ct).ConfigureAwait(false);
            var claimed = await journal.ClaimedUpstreamIdsAsync(ct).ConfigureAwait(false);
            foreach (var candidate in await CandidatesAsync(key, sentAt, request.Model, claimed, ct).ConfigureAwait(false))
            {
                if (await PromptMatchesAsync(key, candidate, request, ct).ConfigureAwait(false))
                {
                    return candidate.TaskId;
                }
            }
            logger.LogInformation("Lost create look-up round {Round}: no unclaimed {Model} task since {SentAt:O}", round + 1, request.Model, sentAt);
        }
        return null;
    }

    private async Task<List<UpstreamListItem>> CandidatesAsync(PooledKey key, DateTimeOffset sentAt, string model,
        IReadOnlySet<string> claimed, CancellationToken ct)
    {
        // The window is padded on both sides; the exact cut is made on gmt_create (epoch ms, free of zone doubts).
        var from = TimeZoneInfo.ConvertTime(sentAt - ClockSkew - TimeSpan.FromMinutes(5), _zone).DateTime;
        var to = TimeZoneInfo.ConvertTime(time.GetUtcNow() + TimeSpan.FromMinutes(5), _zone).DateTime;
        var earliest = (sentAt - ClockSkew).ToUnixTimeMilliseconds();
        var found = new List<UpstreamListItem>();
        for (var page = 1; page <= MaxPages; page++)
        {
            await key.Queries.WaitAsync(ct).ConfigureAwait(false);
            var pageNo = page;
            var (items, pages) = await retry.RunAsync(t => api.ListAsync(key, from, to, model, pageNo, PageSize, t), ct).ConfigureAwait(false);
            found.AddRange(items.Where(i => i.GmtCreateMs >= earliest && !claimed.Contains(i.TaskId)
                && string.Equals(i.ModelName, model, StringComparison.Ordinal)));
            if (page >= pages || items.Count < PageSize)
            {
                break;
            }
        }
        return found.OrderBy(i => i.GmtCreateMs).ToList();
    }

    private async Task<bool> PromptMatchesAsync(PooledKey key, UpstreamListItem candidate, EditRequest request, CancellationToken ct)
    {
        await key.Queries.WaitAsync(ct).ConfigureAwait(false);
        var task = await retry.RunAsync(t => api.GetTaskAsync(key, candidate.TaskId, t), ct).ConfigureAwait(false);
        // Absent orig_prompt (an empty instruction) proves nothing either way; a different one rules the task out.
        return task.OrigPrompt is null || string.Equals(task.OrigPrompt, request.Prompt, StringComparison.Ordinal);
    }
}
