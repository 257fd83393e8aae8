using System.Text;
using System.Text.RegularExpressions;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Chaos;

/// <summary>
/// What a chaos run left behind, from every side that could disagree: the rows, the API, the bucket and the data folders, and
/// the workers' own logs (a "Task … SUCCEEDED" line is written only after the compare-and-set succeeded).
/// </summary>
internal sealed partial class ChaosReport
{
    public required IReadOnlyList<string> Submitted { get; init; }
    public required IReadOnlyList<TaskRowView> Rows { get; init; }
    public required Dictionary<string, string> ApiStatus { get; init; }
    public required IReadOnlyList<string> ResultFiles { get; init; }
    public required int LeftoverPartFiles { get; init; }
    public required Dictionary<string, int> SuccessLinesPerTask { get; init; }
    public required int RefusedLateFinishes { get; init; }
    public required IReadOnlyList<string> BadResultFiles { get; init; }

    /// <summary>The task ids of the result objects in the bucket.</summary>
    public required IReadOnlyList<string> BucketResults { get; init; }

    /// <summary>mp4 files found under any process's data folder outside its scratch space (there should be none).</summary>
    public required IReadOnlyList<string> ResultsInDataFolders { get; init; }

    /// <summary>Files killed attempts left in the data folders' scratch space (swept after an hour).</summary>
    public required int ScratchFiles { get; init; }

    public int RetriedTasks => Rows.Count(r => r.Attempts > 1);

    /// <summary>
    /// What a run on the deployment with no shared folder left: the results are objects in <paramref name="bucket"/>.
    /// Each task's signed URL is asked of one API process and downloaded from the other (both sign with the one secret),
    /// then probed like a result file; the data folders must hold no result at all.
    /// </summary>
    public static async Task<ChaosReport> CollectAsync(ChaosDatabase db, IReadOnlyList<Api> apis, WorkerPool workers,
        Recut.Media.Storage.S3.S3Bucket bucket, IReadOnlyList<string> dataFolders, string downloadDir, IReadOnlyList<string> ids)
    {
        Directory.CreateDirectory(downloadDir);
        var apiStatus = new Dictionary<string, string>(StringComparer.Ordinal);
        var downloaded = new List<string>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        for (var i = 0; i < ids.Count; i++)
        {
            var (asked, other) = (apis[i % apis.Count], apis[(i + 1) % apis.Count]);
            var (_, body) = await asked.GetAsync($"api/v1/tasks/{ids[i]}");
            var output = body.GetProperty("output");
            apiStatus[ids[i]] = output.GetProperty("task_status").GetString()!;
            if (!output.TryGetProperty("video_url", out var url))
            {
                continue;
            }
            var signed = new Uri(url.GetString()!);
            var elsewhere = new Uri(other.Http.BaseAddress!, signed.PathAndQuery);
            var file = Path.Combine(downloadDir, $"{ids[i]}.mp4");
            await File.WriteAllBytesAsync(file, await http.GetByteArrayAsync(elsewhere));
            downloaded.Add(file);
        }
        var objects = await ResultObjectsAsync(bucket);
        var logs = workers.AllLogs();
        var existing = dataFolders.Where(Directory.Exists).ToList();
        return new ChaosReport
        {
            Submitted = ids,
            Rows = await db.TasksAsync(),
            ApiStatus = apiStatus,
            ResultFiles = downloaded,
            LeftoverPartFiles = existing.Sum(d => Directory.GetFiles(d, "*.part", SearchOption.AllDirectories).Length),
            SuccessLinesPerTask = SucceededLine().Matches(logs).GroupBy(m => m.Groups[1].Value)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            RefusedLateFinishes = LateFinishLine().Count(logs),
            BadResultFiles = await CheckVideosAsync(downloaded),
            BucketResults = objects,
            ResultsInDataFolders = ResultsIn(existing),
            ScratchFiles = ScratchLeftIn(existing),
        };
    }

    /// <summary>The task ids of the result objects in the bucket (<c>results/&lt;task&gt;.mp4</c>).</summary>
    public static async Task<List<string>> ResultObjectsAsync(Recut.Media.Storage.S3.S3Bucket bucket)
    {
        var objects = new List<string>();
        await foreach (var item in bucket.ListAsync("results/", CancellationToken.None))
        {
            objects.Add(Path.GetFileNameWithoutExtension(item.Name));
        }
        return objects;
    }

    /// <summary>
    /// Every mp4 under the given data folders outside their scratch space (with object storage there should be none).
    /// <c>&lt;data&gt;/work</c> is left out: an attempt killed mid-render leaves its scratch folder, and the retention
    /// sweep removes those after an hour untouched (RetentionSweeper).
    /// </summary>
    public static List<string> ResultsIn(IEnumerable<string> dataFolders) =>
        dataFolders.Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.mp4", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(d, f).StartsWith("work" + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .ToList();

    /// <summary>Files left in the data folders' scratch space by attempts that were killed (reported, not a failure).</summary>
    public static int ScratchLeftIn(IEnumerable<string> dataFolders) =>
        dataFolders.Select(d => Path.Combine(d, "work")).Where(Directory.Exists)
            .Sum(w => Directory.GetFiles(w, "*", SearchOption.AllDirectories).Length);

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"rows: {Rows.Count} ({string.Join(", ", Rows.GroupBy(r => r.Status).Select(g => $"{g.Key}={g.Count()}"))})");
        text.AppendLine($"API answers: {string.Join(", ", ApiStatus.Values.GroupBy(s => s).Select(g => $"{g.Key}={g.Count()}"))}");
        text.AppendLine($"results: {BucketResults.Count} objects in the bucket, {ResultFiles.Count} downloaded through the other API process "
              + $"({BadResultFiles.Count} unplayable); {ResultsInDataFolders.Count} mp4 and {LeftoverPartFiles} staging files in the data folders, "
              + $"{ScratchFiles} files of killed attempts in their scratch folders");
        text.AppendLine($"attempts: {Rows.Sum(r => r.Attempts)} in all; {RetriedTasks} tasks ran more than once (max {(Rows.Count == 0 ? 0 : Rows.Max(r => r.Attempts))})");
        text.AppendLine($"finishes recorded: {SuccessLinesPerTask.Values.Sum()} success writes logged for {SuccessLinesPerTask.Count} tasks "
            + $"(max {(SuccessLinesPerTask.Count == 0 ? 0 : SuccessLinesPerTask.Values.Max())} per task); "
            + $"{RefusedLateFinishes} late finishes refused by the lease check");
        foreach (var failed in Rows.Where(r => r.Status != "SUCCEEDED").Take(5))
        {
            text.AppendLine($"  not succeeded: {failed.Id} {failed.Status} {failed.ErrorCode} {failed.ErrorMessage}");
        }
        return text.ToString();
    }

    public void AssertEveryTaskSucceededExactlyOnce(int total)
    {
        var ids = Submitted.Select(Guid.Parse).ToHashSet();
        Assert.Equal(total, Rows.Count);
        Assert.True(ids.SetEquals(Rows.Select(r => r.Id)), "the stored tasks are not the submitted ones");
        Assert.All(Rows, r => Assert.True(r.Status == "SUCCEEDED", $"{r.Id} is {r.Status}: {r.ErrorCode} {r.ErrorMessage}"));
        Assert.All(ApiStatus, s => Assert.Equal("SUCCEEDED", s.Value));

        // One result file per task, named after it, and the row points at exactly that file.
        Assert.Equal(total, ResultFiles.Count);
        var fileIds = ResultFiles.Select(f => Guid.Parse(Path.GetFileNameWithoutExtension(f))).ToHashSet();
        Assert.True(ids.SetEquals(fileIds), "result files do not match the tasks one to one");
        Assert.All(Rows, r => Assert.EndsWith($"{r.Id:D}.mp4", r.ResultKey, StringComparison.Ordinal));
        Assert.Empty(BadResultFiles);
        // One object per task in the bucket, and no process kept a result of its own.
        Assert.Equal(total, BucketResults.Count);
        Assert.True(ids.SetEquals(BucketResults.Select(Guid.Parse)), "the bucket's result objects do not match the tasks one to one");
        Assert.Empty(ResultsInDataFolders);

        // No task was recorded as finished by two attempts (a killed process may die between commit and log line).
        Assert.All(SuccessLinesPerTask, s => Assert.True(s.Value == 1, $"task {s.Key} was recorded SUCCEEDED {s.Value} times"));
    }

    /// <summary>Each result must be a whole video: ffprobe reads it and finds the 1104×832 frames of a 2 s clip.</summary>
    private static async Task<List<string>> CheckVideosAsync(IReadOnlyList<string> files)
    {
        var bad = new List<string>();
        foreach (var file in files)
        {
            try
            {
                using var probe = await Probe.FfprobeJsonAsync(file);
                var video = probe.RootElement.GetProperty("streams").EnumerateArray()
                    .First(s => s.GetProperty("codec_type").GetString() == "video");
                var duration = double.Parse(probe.RootElement.GetProperty("format").GetProperty("duration").GetString()!,
                    System.Globalization.CultureInfo.InvariantCulture);
                if (video.GetProperty("width").GetInt32() != 1104 || video.GetProperty("height").GetInt32() != 832 || duration < 1.9)
                {
                    bad.Add($"{file}: {video.GetProperty("width")}x{video.GetProperty("height")}, {duration} s");
                }
            }
            catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or KeyNotFoundException or Recut.Media.Processes.FfmpegException)
            {
                bad.Add($"{file}: {e.Message}");
            }
        }
        return bad;
    }

    [GeneratedRegex(@"Task ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) SUCCEEDED")]
    private static partial Regex SucceededLine();

    [GeneratedRegex(@"lease no longer ours, \w+ not recorded")]
    private static partial Regex LateFinishLine();
}
