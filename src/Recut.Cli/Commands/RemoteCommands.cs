using System.CommandLine;
using System.Globalization;
using Recut.Cli.Console;
using Recut.Client;
using Dialect = Recut.Protocol.Requests.Dialect;

namespace Recut.Cli.Commands;

/// <summary>submit / status / wait / get / cancel / list against any compatible endpoint (Recut, DashScope, APIYI).</summary>
public static class RemoteCommands
{
    private static readonly Option<string> Endpoint = new("--endpoint")
    {
        Description = "Base URL (default: RECUT_ENDPOINT, else http://127.0.0.1:8080)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RECUT_ENDPOINT") ?? "http://127.0.0.1:8080",
    };
    private static readonly Option<Dialect> DialectOption = new("--dialect") { Description = "DashScope or Apiyi", DefaultValueFactory = _ => Dialect.DashScope };

    public static IEnumerable<Command> Create()
    {
        yield return Submit();
        yield return Simple("status", "Show a task", async (c, id, ct) => Print(await c.GetTaskAsync(id, ct)));
        yield return Simple("wait", "Wait for a task to finish, with a progress bar", async (c, id, ct) => Print(await WaitWithBarAsync(c, id, ct)));
        yield return Get();
        yield return Simple("cancel", "Cancel a PENDING task", async (c, id, ct) =>
        {
            await c.CancelAsync(id, ct);
            System.Console.WriteLine($"Canceled {id}");
        });
        yield return List();
    }

    private static Command Submit()
    {
        var video = new Option<string>("--video") { Description = "Source video: a URL, or a local file (uploaded first)", Required = true };
        var refs = new Option<string[]>("--ref") { Description = "Reference image(s): URLs or local files (uploaded first)" };
        var prompt = new Option<string?>("--prompt", "-p") { Description = "The edit instruction" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the result" };
        var output = new Option<string?>("--output", "-o") { Description = "Download the result here (implies --wait)" };
        var p = new RequestOptions();
        var command = new Command("submit", "Create an edit task on a remote endpoint") { Endpoint, DialectOption, video, refs, prompt, wait, output };
        p.AddTo(command);
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            var videoUrl = await ToUrlAsync(client, result.GetValue(video)!, ct);
            var refUrls = new List<string>();
            foreach (var r in result.GetValue(refs) ?? [])
            {
                refUrls.Add(await ToUrlAsync(client, r, ct));
            }
            var spec = p.ToSpec(result, videoUrl, refUrls, result.GetValue(prompt))
                with { IdempotencyKey = Guid.NewGuid().ToString() };
            var id = await client.CreateEditTaskAsync(spec, ct);
            System.Console.WriteLine($"task_id: {id}");
            var target = result.GetValue(output);
            if (!result.GetValue(wait) && target is null)
            {
                return;
            }
            var final = await WaitWithBarAsync(client, id, ct);
            Print(final);
            if (target is not null)
            {
                await client.DownloadResultAsync(final, target, null, ct);
                System.Console.WriteLine($"Saved {target}");
            }
        }));
        return command;
    }

    /// <summary>
    /// A URL as it is; a local file uploaded through the endpoint's temporary-file flow (DashScope getPolicy, or a
    /// Recut server's own uploads), giving the oss:// URL the create names.
    /// </summary>
    private static async Task<string> ToUrlAsync(RecutClient client, string input, CancellationToken ct)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" or "oss")
        {
            return input;
        }
        var path = parsed is { IsFile: true } ? parsed.LocalPath : input;
        if (!File.Exists(path))
        {
            throw new RecutApiException(400, "InvalidURL", $"'{input}' is neither an http(s)/oss:// URL nor an existing file.", null);
        }
        await System.Console.Error.WriteLineAsync($"Uploading {Path.GetFileName(path)} ...");
        var url = await client.UploadAsync(path, ct: ct);
        await System.Console.Error.WriteLineAsync($"Uploaded {Path.GetFileName(path)} as {url}");
        return url;
    }

    private static Command Get()
    {
        var id = new Argument<string>("task-id");
        var output = new Option<string>("--output", "-o") { Description = "Where to save the mp4", Required = true };
        var command = new Command("get", "Download a finished task's video") { id, output, Endpoint, DialectOption };
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            var task = await client.GetTaskAsync(result.GetValue(id)!, ct);
            await client.DownloadResultAsync(task, result.GetValue(output)!, null, ct);
            System.Console.WriteLine($"Saved {result.GetValue(output)}");
        }));
        return command;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "PENDING, RUNNING, SUCCEEDED, FAILED or CANCELED" };
        var page = new Option<int>("--page") { DefaultValueFactory = _ => 1 };
        var command = new Command("list", "List your tasks of the last 24 h") { Endpoint, DialectOption, status, page };
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            var list = await client.ListAsync(new TaskListFilter { Status = result.GetValue(status), PageNo = result.GetValue(page) }, ct);
            foreach (var t in list.Items)
            {
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{t.TaskId}  {t.Status,-9}  {DateTimeOffset.FromUnixTimeMilliseconds(t.GmtCreateMs):yyyy-MM-dd HH:mm:ss}  {t.ModelName}"));
            }
            System.Console.WriteLine($"{list.Total} task(s), page {list.PageNo}/{Math.Max(1, list.TotalPages)}");
        }));
        return command;
    }

    private static Command Simple(string name, string description, Func<RecutClient, string, CancellationToken, Task> run)
    {
        var id = new Argument<string>("task-id");
        var command = new Command(name, description) { id, Endpoint, DialectOption };
        command.SetAction(async (result, ct) => await WithClientAsync(result, c => run(c, result.GetValue(id)!, ct)));
        return command;
    }

    private static async Task<TaskInfo> WaitWithBarAsync(RecutClient client, string id, CancellationToken ct) =>
        await ProgressBar.RunAsync("Waiting", async bar =>
        {
            var started = DateTimeOffset.UtcNow;
            return await client.WaitAsync(id, new InlineProgress<TaskInfo>(t =>
                // DashScope reports no progress: show time passing instead, capped below done.
                bar.Report(t.Progress is { } p ? p / 100.0 : Math.Min(0.95, (DateTimeOffset.UtcNow - started).TotalSeconds / 300))), ct);
        });

    private static async Task<int> WithClientAsync(ParseResult result, Func<RecutClient, Task> run)
    {
        // An empty RECUT_API_KEY counts as unset, so DASHSCOPE_API_KEY still applies.
        var key = new[] { "RECUT_API_KEY", "DASHSCOPE_API_KEY" }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (string.IsNullOrWhiteSpace(key))
        {
            await System.Console.Error.WriteLineAsync("error: set RECUT_API_KEY (or DASHSCOPE_API_KEY) to your API key");
            return 2;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var client = new RecutClient(http, new RecutClientOptions
        {
            BaseUrl = new Uri(result.GetValue(Endpoint)!),
            ApiKey = key,
            Dialect = result.GetValue(DialectOption),
        });
        try
        {
            await run(client);
            return 0;
        }
        catch (RecutApiException e)
        {
            await System.Console.Error.WriteLineAsync($"FAILED [{e.Code}] {e.ApiMessage}{(string.IsNullOrEmpty(e.RequestId) ? "" : $" (request_id {e.RequestId})")}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            await System.Console.Error.WriteLineAsync($"error: cannot reach {result.GetValue(Endpoint)}: {e.Message}");
            return 3;
        }
    }

    private static void Print(TaskInfo t)
    {
        System.Console.WriteLine($"task_id: {t.TaskId}\nstatus:  {t.Status}{(t.Progress is { } p ? $" ({p}%)" : "")}");
        if (t.ActualPrompt is not null)
        {
            System.Console.WriteLine($"plan:    {t.ActualPrompt}");
        }
        if (t.ErrorCode is not null)
        {
            System.Console.WriteLine($"error:   [{t.ErrorCode}] {t.ErrorMessage}");
        }
        if (t.VideoUrl is not null)
        {
            System.Console.WriteLine($"video:   {t.VideoUrl}");
        }
    }

}
