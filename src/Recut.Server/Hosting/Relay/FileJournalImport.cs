using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recut.Engines.DashScope;

namespace Recut.Server.Hosting.Relay;

/// <summary>
/// Once, at start-up: records an earlier release kept as files (&lt;data&gt;/upstream/&lt;taskId&gt;.json) move into the
/// database, so relays in flight during an upgrade resume their upstream tasks instead of paying for new ones. A record
/// the database already has wins (another process imported it, or a worker moved on); each file goes once read, and the
/// old create gate's lock file and torn temporaries with it. Processes sharing the folder may race: both outcomes are fine.
/// </summary>
public sealed class FileJournalImport(string folder, IUpstreamTaskJournal journal, ILogger<FileJournalImport> logger) : IHostedService
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        var imported = 0;
        // Listed first, then imported: each import deletes its file, and deleting under a live enumeration may skip entries.
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            if (await ImportAsync(file, cancellationToken))
            {
                imported++;
            }
        }
        foreach (var leftover in Directory.GetFiles(folder, "*.tmp").Append(Path.Combine(folder, ".create.lock")))
        {
            File.Delete(leftover); // no exception for a file that is not there
        }
        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
        if (imported > 0)
        {
            logger.LogInformation("Moved {Count} upstream task record(s) from {Folder} into the task database", imported, folder);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True when this file's record is now in the database because of this call.</summary>
    private async Task<bool> ImportAsync(string file, CancellationToken ct)
    {
        UpstreamTaskRecord? record;
        try
        {
            var stream = File.OpenRead(file);
            await using (stream)
            {
                record = await JsonSerializer.DeserializeAsync<UpstreamTaskRecord>(stream, JsonOptions, ct);
            }
        }
        catch (FileNotFoundException)
        {
            return false; // another process sharing the folder imported it first
        }
        catch (JsonException e)
        {
            // A record the old release never finished writing cannot be resumed; its task starts upstream afresh.
            logger.LogWarning("Upstream task record {File} is unreadable and was dropped: {Message}", file, e.Message);
            File.Delete(file);
            return false;
        }
        var written = record is not null && await journal.TryWriteAsync(record with { Version = 0 }, ct) is not null;
        File.Delete(file);
        return written;
    }
}
