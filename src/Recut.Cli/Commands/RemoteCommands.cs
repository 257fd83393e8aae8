using System.CommandLine;
using System.Globalization;
using Recut.Cli.Console;
using Recut.Cli.Output;
using Recut.Client;
using Dialect = Recut.Protocol.Requests.Dialect;

namespace Recut.Cli.Commands;

/// <summary>submit / status / wait / get / cancel / list against any compatible endpoint (Recut, DashScope, APIYI).</summary>
public static class RemoteCommands
{
    // System.CommandLine prints "[default: …]" from the factory, so descriptions name only where a value comes from.
    private static readonly Option<string> Endpoint = new("--endpoint")
    {
        Description = "Base URL; RECUT_ENDPOINT when not given",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RECUT_ENDPOINT") is { Length: > 0 } e ? e : "http://127.0.0.1:8080",
    };
    private static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "API key; RECUT_API_KEY, else DASHSCOPE_API_KEY, when not given (an option is visible to other users in ps)",
    };
    private static readonly Option<Dialect> DialectOption = new("--dialect") { Description = "Query shape: DashScope or Apiyi", DefaultValueFactory = _ => Dialect.DashScope };

    public static IEnumerable<Command> Create()
    {
        yield return Submit();
        yield return Status();
        yield return Wait();
        yield return Get();
        yield return Cancel();
        yield return List();
    }

    private static Command Submit()
    {
        var input = new Argument<string?>("input") { Description = "Source video: a URL, or a local file (uploaded first)", Arity = ArgumentArity.ZeroOrOne };
        var video = new Option<string?>("--video") { Description = "Same as the input argument" };
        var refs = new Option<string[]>("--ref", "-r") { Description = "Reference image(s): URLs or local files (uploaded first)" };
        var prompt = new Option<string?>("--prompt", "-p") { Description = "The edit instruction" };
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait for the result" };
        var output = new Option<string?>("--output", "-o") { Description = "Download the result to this file, or into this folder as <task_id>.mp4 (implies --wait)" };
        var webhook = new Option<string?>("--webhook") { Description = "POST the task's events here, signed (a Recut server; DashScope ignores it)" };
        var webhookEvents = new Option<string?>("--webhook-events") { Description = "Events for --webhook, comma-separated: running, progress, succeeded, failed, canceled, completed" };
        var p = new RequestOptions();
        var command = new Command("submit", "Create an edit task on a remote endpoint")
        {
            input, Endpoint, ApiKey, DialectOption, video, refs, prompt, wait, output, webhook, webhookEvents,
        };
        p.AddTo(command);
        command.Validators.Add(r =>
        {
            if ((r.GetValue(input) is null) == (r.GetValue(video) is null))
            {
                r.AddError("Give the source video once: as the input argument or as --video.");
            }
        });
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            var videoUrl = await ToUrlAsync(client, result.GetValue(input) ?? result.GetValue(video)!, ct);
            var refUrls = new List<string>();
            foreach (var r in result.GetValue(refs) ?? [])
            {
                refUrls.Add(await ToUrlAsync(client, r, ct));
            }
            var spec = p.ToSpec(result, videoUrl, refUrls, result.GetValue(prompt)) with
            {
                IdempotencyKey = Guid.NewGuid().ToString(),
                WebhookUrl = result.GetValue(webhook),
                WebhookEvents = result.GetValue(webhookEvents)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var id = await client.CreateEditTaskAsync(spec, ct);
            System.Console.WriteLine($"task_id: {id}");
            var target = result.GetValue(output);
            if (!result.GetValue(wait) && target is null)
            {
                return ExitCodes.Done;
            }
            var final = await WaitWithBarAsync(client, id, ct);
            Print(final);
            if (target is not null)
            {
                var path = OutputPath.Resolve(target, $"{final.TaskId}.mp4");
                await client.DownloadResultAsync(final, path, null, ct);
                System.Console.WriteLine($"Saved {path}");
            }
            return ExitCodes.Done;
        }, ct));
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
            throw new UsageException($"'{input}' is neither an http(s)/oss:// URL nor an existing file.");
        }
        await System.Console.Error.WriteLineAsync($"Uploading {Path.GetFileName(path)} ...");
        var url = await client.UploadAsync(path, ct: ct);
        await System.Console.Error.WriteLineAsync($"Uploaded {Path.GetFileName(path)} as {url}");
        return url;
    }

    private static Command Status()
    {
        var id = new Argument<string>("task-id");
        var format = new OutputFormat();
        var command = new Command("status", "Show a task (exit 3 when there is no such task)") { id, Endpoint, ApiKey, DialectOption };
        format.AddTo(command);
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            var task = await client.GetTaskAsync(result.GetValue(id)!, ct);
            if (format.IsJson(result))
            {
                OutputFormat.WriteJson(task);
            }
            else
            {
                Print(task);
            }
            return task.Status == "UNKNOWN" ? ExitCodes.NotFound : ExitCodes.Done;
        }, ct));
        return command;
    }

    private static Command Wait()
    {
        var id = new Argument<string>("task-id");
        var command = new Command("wait", "Wait for a task to finish, with a progress bar (exit 1 when it failed)") { id, Endpoint, ApiKey, DialectOption };
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            Print(await WaitWithBarAsync(client, result.GetValue(id)!, ct));
            return ExitCodes.Done;
        }, ct));
        return command;
    }

    private static Command Get()
    {
        var id = new Argument<string>("task-id");
        var output = new Option<string>("--output", "-o") { Description = "Where to save the mp4: a file, or a folder (saved as <task_id>.mp4)", Required = true };
        var command = new Command("get", "Download a finished task's video") { id, output, Endpoint, ApiKey, DialectOption };
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            var task = await client.GetTaskAsync(result.GetValue(id)!, ct);
            switch (task.Status)
            {
                case "UNKNOWN":
                    await System.Console.Error.WriteLineAsync($"error: no task {task.TaskId} (unknown, expired, or another key's)");
                    return ExitCodes.NotFound;
                case not "SUCCEEDED":
                    await System.Console.Error.WriteLineAsync($"error: task {task.TaskId} is {task.Status}; only a SUCCEEDED task has a video");
                    return ExitCodes.Failed;
            }
            var path = OutputPath.Resolve(result.GetValue(output)!, $"{task.TaskId}.mp4");
            await client.DownloadResultAsync(task, path, null, ct);
            System.Console.WriteLine($"Saved {path}");
            return ExitCodes.Done;
        }, ct));
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<string>("task-id");
        var command = new Command("cancel", "Cancel a PENDING task") { id, Endpoint, ApiKey, DialectOption };
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            await client.CancelAsync(result.GetValue(id)!, ct);
            System.Console.WriteLine($"Canceled {result.GetValue(id)}");
            return ExitCodes.Done;
        }, ct));
        return command;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "PENDING, RUNNING, SUCCEEDED, FAILED or CANCELED" };
        var page = new Option<int>("--page") { Description = "Page number", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--page-size") { Description = "Tasks per page (1–100)", DefaultValueFactory = _ => 10 };
        var format = new OutputFormat();
        var command = new Command("list", "List your tasks of the last 24 h, newest first") { Endpoint, ApiKey, DialectOption, status, page, size };
        format.AddTo(command);
        command.SetAction(async (result, ct) => await WithClientAsync(result, async client =>
        {
            var list = await client.ListAsync(new TaskListFilter
            {
                Status = result.GetValue(status),
                PageNo = result.GetValue(page),
                PageSize = result.GetValue(size),
            }, ct);
            if (format.IsJson(result))
            {
                OutputFormat.WriteJson(list);
                return ExitCodes.Done;
            }
            TextTable.Print(["TASK ID", "STATUS", "CREATED (UTC)", "MODEL"], list.Items.Select(t => new[]
            {
                t.TaskId, t.Status,
                DateTimeOffset.FromUnixTimeMilliseconds(t.GmtCreateMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                t.ModelName,
            }).ToList());
            System.Console.WriteLine($"{list.Total} task(s), page {list.PageNo}/{Math.Max(1, list.TotalPages)}");
            return ExitCodes.Done;
        }, ct));
        return command;
    }

    private static async Task<TaskInfo> WaitWithBarAsync(RecutClient client, string id, CancellationToken ct) =>
        await ProgressBar.RunAsync("Waiting", async bar =>
        {
            var started = DateTimeOffset.UtcNow;
            return await client.WaitAsync(id, new InlineProgress<TaskInfo>(t =>
                // Recut reports real progress in both dialects; DashScope reports none: show time passing instead, capped below done.
                bar.Report(t.Progress is { } p ? p / 100.0 : Math.Min(0.95, (DateTimeOffset.UtcNow - started).TotalSeconds / 300))), ct);
        });

    private static async Task<int> WithClientAsync(ParseResult result, Func<RecutClient, Task<int>> run, CancellationToken ct)
    {
        // An empty RECUT_API_KEY counts as unset, so DASHSCOPE_API_KEY still applies.
        var key = new[] { result.GetValue(ApiKey), Environment.GetEnvironmentVariable("RECUT_API_KEY"), Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY") }
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (string.IsNullOrWhiteSpace(key))
        {
            await System.Console.Error.WriteLineAsync("error: give --api-key, or set RECUT_API_KEY (or DASHSCOPE_API_KEY) to your API key");
            return ExitCodes.Usage;
        }
        if (!Uri.TryCreate(result.GetValue(Endpoint), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            await System.Console.Error.WriteLineAsync($"error: --endpoint '{result.GetValue(Endpoint)}' is not an http(s) URL");
            return ExitCodes.Usage;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var client = new RecutClient(http, new RecutClientOptions { BaseUrl = baseUrl, ApiKey = key, Dialect = result.GetValue(DialectOption) });
        try
        {
            return await run(client);
        }
        catch (RecutApiException e)
        {
            await System.Console.Error.WriteLineAsync($"FAILED [{e.Code}] {e.ApiMessage}{(string.IsNullOrEmpty(e.RequestId) ? "" : $" (request_id {e.RequestId})")}");
            return e switch
            {
                { Code: "UNKNOWN" } or { HttpStatus: 404 } => ExitCodes.NotFound,
                { HttpStatus: 400 } => ExitCodes.Usage,
                _ => ExitCodes.Failed,
            };
        }
        catch (UsageException e)
        {
            await System.Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (IOException e) when (e is not HttpIOException)
        {
            await System.Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (HttpRequestException e)
        {
            await System.Console.Error.WriteLineAsync($"error: cannot reach {baseUrl}: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            await System.Console.Error.WriteLineAsync($"error: {baseUrl} did not answer within {http.Timeout.TotalMinutes:0} minutes");
            return ExitCodes.Unreachable;
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

/// <summary>The user's input is wrong (a file that does not exist, a bad path): exit 2, with the message only.</summary>
public sealed class UsageException(string message) : Exception(message);
