using System.CommandLine;
using System.Globalization;
using Recut.Cli.Output;
using Recut.Tasks.Keys;
using Recut.Tasks.Webhooks;

namespace Recut.Cli.Commands;

/// <summary>
/// `recut webhooks log|targets|enable`: the delivery side of webhooks in the task database named by --db / RECUT_DB /
/// --data, for operators (a key sees its own log at GET /api/v1/webhooks/deliveries).
/// </summary>
public static class WebhooksCommand
{
    public static Command Create()
    {
        var webhooks = new Command("webhooks", "Webhook deliveries: the attempt log, endpoint health, re-enabling a disabled endpoint");
        webhooks.Subcommands.Add(Log());
        webhooks.Subcommands.Add(Targets());
        webhooks.Subcommands.Add(Enable());
        return webhooks;
    }

    private static Command Log()
    {
        var key = new Option<string?>("--key") { Description = "Only this managed key's deliveries" };
        var task = new Option<string?>("--task") { Description = "Only this task's deliveries" };
        var limit = new Option<int>("--limit") { Description = "How many attempts, newest first", DefaultValueFactory = _ => 50 };
        var format = new OutputFormat();
        var command = WithStore(new Command("log", "Delivery attempts, newest first: when, event, task, endpoint, answer, outcome") { key, task, limit });
        format.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, async (hooks, keys) =>
        {
            Guid? taskId = null;
            if (result.GetValue(task) is { } text)
            {
                taskId = Guid.TryParse(text, out var id) ? id : throw new ArgumentException($"--task must be a task id; got '{text}'.");
            }
            var tenant = result.GetValue(key) is { } name ? (await TenantOfAsync(keys, name, ct)) : null;
            var attempts = await hooks.ListAttemptsAsync(new WebhookLogQuery(tenant, taskId, Math.Max(1, result.GetValue(limit))), ct);
            if (format.IsJson(result))
            {
                OutputFormat.WriteJson(attempts);
                return;
            }
            if (attempts.Count == 0)
            {
                System.Console.WriteLine("No delivery attempts.");
                return;
            }
            TextTable.Print(["AT (UTC)", "EVENT", "WEBHOOK-ID", "TASK", "URL", "HTTP", "MS", "OUTCOME", "ERROR"], attempts.Select(a => new[]
            {
                Time(a.At), a.EventType, a.EventId, a.TaskId.ToString(), a.Url,
                a.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-", a.DurationMs.ToString(CultureInfo.InvariantCulture),
                a.Outcome, a.Error ?? "",
            }).ToList());
        }, ct));
        return command;
    }

    private static Command Targets()
    {
        var format = new OutputFormat();
        var command = WithStore(new Command("targets", "Endpoints delivered to: failing since, last success, disabled"));
        format.AddTo(command);
        command.SetAction((result, ct) => RunAsync(result, async (hooks, keys) =>
        {
            var targets = await hooks.ListTargetsAsync(disabledOnly: false, ct);
            if (format.IsJson(result))
            {
                OutputFormat.WriteJson(targets);
                return;
            }
            if (targets.Count == 0)
            {
                System.Console.WriteLine("No webhook endpoint has been delivered to yet.");
                return;
            }
            var names = (await keys.ListAsync(ct)).ToDictionary(k => k.TenantId, k => k.Name, StringComparer.Ordinal);
            TextTable.Print(["KEY", "URL", "LAST SUCCESS (UTC)", "FAILING SINCE (UTC)", "DISABLED (UTC)"], targets.Select(t => new[]
            {
                names.GetValueOrDefault(t.TenantId, t.TenantId), t.Url, Time(t.LastSuccessAt), Time(t.FailingSince), Time(t.DisabledAt),
            }).ToList());
        }, ct));
        return command;
    }

    private static Command Enable()
    {
        var key = new Option<string>("--key") { Description = "The managed key whose endpoint it is", Required = true };
        var url = new Argument<string>("url") { Description = "The endpoint, as `recut webhooks targets` shows it" };
        var command = WithStore(new Command("enable", "Re-enable an endpoint disabled after a day of failures") { key, url });
        command.SetAction((result, ct) => RunAsync(result, async (hooks, keys) =>
        {
            var tenant = await TenantOfAsync(keys, result.GetValue(key)!, ct);
            var target = result.GetValue(url)!;
            if (!await hooks.EnableTargetAsync(tenant, target, ct))
            {
                throw new InvalidOperationException($"{target} is not a disabled endpoint of key '{result.GetValue(key)}'.");
            }
            System.Console.WriteLine($"Re-enabled {target}: new events are delivered to it again.");
        }, ct));
        return command;
    }

    private static async Task<string> TenantOfAsync(IApiKeyStore keys, string name, CancellationToken ct) =>
        (await keys.ListAsync(ct)).FirstOrDefault(k => k.Name == name)?.TenantId ?? throw new ApiKeyNotFoundException(name);

    private static Command WithStore(Command command)
    {
        command.Options.Add(ServeCommand.Data);
        command.Options.Add(ServeCommand.Db);
        return command;
    }

    /// <summary>
    /// The key store's run (its migrations are the task database's, so they make the webhook tables on a fresh file too,
    /// and its errors map to the same exit codes), with the webhook store on the same database beside it.
    /// </summary>
    private static Task<int> RunAsync(ParseResult result, Func<IWebhookStore, IApiKeyStore, Task> action, CancellationToken ct) =>
        KeysCommand.RunAsync(result, async keys =>
        {
            await using var hooks = WebhookStoreFactory.Create(ServeCommand.BuildOptions(result).ResolvedDb, TimeProvider.System);
            await action(hooks, keys);
        }, ct);

    private static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
