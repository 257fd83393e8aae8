using System.CommandLine;
using System.Globalization;
using Recut.Cli.Output;
using Recut.Tasks.Keys;

namespace Recut.Cli.Commands;

/// <summary>
/// `recut keys create|list|revoke|update|audit`: managed API keys in the task database named by --db / RECUT_DB /
/// --data, the same store `recut serve` opens. The plaintext of a key is printed once, at creation.
/// </summary>
public static class KeysCommand
{
    private static readonly Option<int?> Rate = new("--rate") { Description = "Task submissions per second for this key (queries scale with it; default: the server's)" };
    private static readonly Option<int?> Concurrency = new("--concurrency") { Description = "Tasks of this key running at once (default: the server's)" };
    private static readonly Option<int?> Daily = new("--daily") { Description = "Tasks this key may create per UTC day (default: unlimited)" };
    private static readonly Option<int?> Pending = new("--max-pending") { Description = "Tasks of this key waiting PENDING at once (default: the server's)" };
    private static readonly Option<int?> UploadDaily = new("--upload-daily-mb") { Description = "MB this key may upload per UTC day (default: the server's)" };
    private static readonly Option<int?> UploadHeld = new("--upload-held-mb") { Description = "MB of unexpired uploads this key may hold at once (default: the server's)" };

    /// <summary>Who made a change, for the audit log.</summary>
    public static string Actor => $"{Environment.UserName}@{Environment.MachineName}";

    public static Command Create()
    {
        var keys = new Command("keys", "Manage API keys (stored hashed in the task database)");
        keys.Subcommands.Add(CreateKey());
        keys.Subcommands.Add(List());
        keys.Subcommands.Add(Revoke());
        keys.Subcommands.Add(Update());
        keys.Subcommands.Add(Audit());
        return keys;
    }

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "A unique name (letters, digits, . _ -)", Required = true };
        var command = WithStore(new Command("create", "Create a key and print it once")
        {
            name, Rate, Concurrency, Daily, Pending, UploadDaily, UploadHeld,
        });
        command.SetAction((result, ct) => RunAsync(result, async store =>
        {
            var limits = new ApiKeyLimits(result.GetValue(Rate), result.GetValue(Concurrency), result.GetValue(Daily),
                result.GetValue(Pending), result.GetValue(UploadDaily), result.GetValue(UploadHeld));
            var created = await store.CreateAsync(result.GetValue(name)!, limits, Actor, ct);
            System.Console.WriteLine($"Created API key '{created.Record.Name}' ({limits}):");
            System.Console.WriteLine(created.Key);
            System.Console.Error.WriteLine("Store it now: Recut keeps only its hash and cannot show it again.");
        }, ct));
        return command;
    }

    private static Command List()
    {
        var format = new OutputFormat();
        var command = WithStore(new Command("list", "List keys: name, prefix, limits, tasks today, created, revoked"));
        format.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, async store =>
        {
            var keys = await store.ListAsync(ct);
            if (format.IsJson(result))
            {
                // The record holds no secret (only the tenant id, derived from the hash, and the printed prefix).
                OutputFormat.WriteJson(keys);
                return;
            }
            if (keys.Count == 0)
            {
                System.Console.WriteLine("No managed keys. Create one with: recut keys create --name NAME");
                return;
            }
            TextTable.Print(["NAME", "PREFIX", "RATE/S", "RUNNING", "DAILY", "TODAY", "PENDING", "UPLOAD MB/DAY", "UPLOAD MB HELD",
                "CREATED (UTC)", "REVOKED (UTC)"], keys.Select(k => new[]
            {
                k.Name, k.Prefix + "…", Show(k.Limits.RatePerSecond), Show(k.Limits.MaxRunning), Show(k.Limits.DailyQuota),
                k.TasksToday.ToString(CultureInfo.InvariantCulture), Show(k.Limits.MaxPending), Show(k.Limits.UploadDailyMb),
                Show(k.Limits.UploadHeldMb), Time(k.CreatedAt), k.RevokedAt is { } r ? Time(r) : "-",
            }).ToList());
        }, ct));
        return command;
    }

    private static Command Revoke()
    {
        var name = new Argument<string>("name") { Description = "The key's name" };
        var command = WithStore(new Command("revoke", "Revoke a key (the server refuses it within 5 seconds)") { name });
        command.SetAction((result, ct) => RunAsync(result, async store =>
        {
            var key = result.GetValue(name)!;
            System.Console.WriteLine(await store.RevokeAsync(key, Actor, ct)
                ? $"Revoked API key '{key}'."
                : $"API key '{key}' was already revoked.");
        }, ct));
        return command;
    }

    private static Command Update()
    {
        var name = new Argument<string>("name") { Description = "The key's name" };
        var webhook = new Option<string?>("--webhook")
        {
            Description = "Default webhook endpoint of the key's tasks (those without parameters.webhook_url); 'none' clears it",
        };
        var events = new Option<string?>("--events")
        {
            Description = "Events sent to --webhook, comma-separated: running, progress, succeeded, failed, canceled, completed (default: all but progress)",
        };
        var rotate = new Option<bool>("--rotate-webhook-secret")
        {
            Description = "Print a new webhook signing secret; the old one keeps signing beside it for 24 hours",
        };
        var command = WithStore(new Command("update", "Change a key's limits (options given replace the current value, 0 = back to the server "
            + "default) or its webhook endpoint")
        {
            name, Rate, Concurrency, Daily, Pending, UploadDaily, UploadHeld, webhook, events, rotate,
        });
        command.SetAction((result, ct) => RunAsync(result, async store =>
        {
            var key = result.GetValue(name)!;
            var current = (await store.ListAsync(ct)).FirstOrDefault(k => k.Name == key) ?? throw new ApiKeyNotFoundException(key);
            var limitsGiven = new[] { Rate, Concurrency, Daily, Pending, UploadDaily, UploadHeld }.Any(o => result.GetResult(o) is not null);
            var webhookGiven = result.GetValue(webhook) is not null || result.GetValue(events) is not null || result.GetValue(rotate);
            if (webhookGiven)
            {
                await KeyWebhooks.UpdateAsync(ServeCommand.BuildOptions(result).ResolvedDb, current,
                    result.GetValue(webhook), result.GetValue(events), result.GetValue(rotate), ct);
                if (!limitsGiven)
                {
                    return;
                }
            }
            var limits = new ApiKeyLimits(
                Merge(result.GetValue(Rate), current.Limits.RatePerSecond),
                Merge(result.GetValue(Concurrency), current.Limits.MaxRunning),
                Merge(result.GetValue(Daily), current.Limits.DailyQuota),
                Merge(result.GetValue(Pending), current.Limits.MaxPending),
                Merge(result.GetValue(UploadDaily), current.Limits.UploadDailyMb),
                Merge(result.GetValue(UploadHeld), current.Limits.UploadHeldMb));
            var updated = await store.UpdateLimitsAsync(key, limits, Actor, ct);
            System.Console.WriteLine($"Updated API key '{key}': {updated.Limits} (servers pick it up within 5 seconds).");
        }, ct));
        return command;
    }

    private static Command Audit()
    {
        var last = new Option<int>("--last") { Description = "How many entries, newest first", DefaultValueFactory = _ => 50 };
        var command = WithStore(new Command("audit", "Show the log of key changes: when, who, what, before → after") { last });
        command.SetAction((result, ct) => RunAsync(result, async store =>
        {
            foreach (var e in await store.ListAuditAsync(Math.Max(1, result.GetValue(last)), ct))
            {
                System.Console.WriteLine($"{Time(e.At)}  {e.Actor}  {e.Action} {e.KeyName}  {e.BeforeJson ?? "-"} → {e.AfterJson ?? "-"}");
            }
        }, ct));
        return command;
    }

    private static Command WithStore(Command command)
    {
        command.Options.Add(ServeCommand.Data);
        command.Options.Add(ServeCommand.Db);
        return command;
    }

    /// <summary>
    /// Opens the store `recut serve` would open, runs the action, and turns expected failures into a message and an
    /// exit code: 3 for a key that does not exist, 2 for a bad value, 1 for a refused change (a name already taken).
    /// </summary>
    internal static async Task<int> RunAsync(ParseResult result, Func<IApiKeyStore, Task> action, CancellationToken ct)
    {
        var options = ServeCommand.BuildOptions(result);
        var store = ApiKeyStoreFactory.Create(options.ResolvedDb, TimeProvider.System);
        try
        {
            await store.InitializeAsync(ct);
            await action(store);
            return ExitCodes.Done;
        }
        catch (Exception e) when (e is ApiKeyNameTakenException or ApiKeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            // ArgumentException appends "(Parameter 'x')" and the value on lines of its own: not for people.
            var message = e is ArgumentException { ParamName: { } p } ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
            System.Console.Error.WriteLine(message.Split('\n')[0].Trim());
            return e switch
            {
                ApiKeyNotFoundException => ExitCodes.NotFound,
                ArgumentException => ExitCodes.Usage,
                _ => ExitCodes.Failed,
            };
        }
        finally
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private static int? Merge(int? given, int? current) => given switch
    {
        null => current,
        0 => null,
        var value => value,
    };

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "default";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
