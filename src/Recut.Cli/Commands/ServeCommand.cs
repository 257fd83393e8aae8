using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Recut.Media.Tools;
using Recut.Server.Configuration;
using Recut.Server.Hosting;

namespace Recut.Cli.Commands;

/// <summary>`recut serve`: API and/or workers on the embedded defaults (SQLite + a data folder) or a shared PostgreSQL.</summary>
public static class ServeCommand
{
    public static readonly Option<string> Urls = new("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
    public static readonly Option<string?> Data = new("--data") { Description = "Data folder: SQLite file, results, secrets (default: RECUT_DATA, else ./data)" };
    public static readonly Option<string?> Db = new("--db") { Description = "Task store: SQLite file path or PostgreSQL connection string (default: RECUT_DB, else <data>/tasks.db)" };
    public static readonly Option<ServerRole> Role = new("--role") { Description = "api, worker or all", DefaultValueFactory = _ => ServerRole.All };
    public static readonly Option<int?> Workers = new("--workers") { Description = "Workers in this process (default: half the cores)" };

    public static Command Create()
    {
        var command = new Command("serve", "Start the API and workers") { Urls, Data, Db, Role, Workers };
        command.SetAction(async (result, ct) =>
        {
            try
            {
                return await ServeAsync(result, ct);
            }
            catch (Exception e) when (e is OptionsValidationException or ToolUnavailableException)
            {
                // One line a supervisor's log shows as the reason, not a stack trace; exit 2 = misconfigured, do not restart-loop.
                System.Console.Error.WriteLine($"recut serve: cannot start: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<int> ServeAsync(ParseResult result, CancellationToken ct)
    {
        var options = BuildOptions(result);
        var urls = result.GetValue(Urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (options.Role == ServerRole.Worker)
        {
            using var workers = await WorkerHost.BuildAsync(options, ct);
            await workers.StartAsync(ct);
            System.Console.WriteLine($"Recut workers running ({options.Workers}, store {StoreLabel(options)}); no HTTP listener in the worker role");
            await workers.WaitForShutdownAsync(ct);
            return 0;
        }
        var app = await RecutServer.BuildAsync(options, urls, System.Console.WriteLine, ct);
        await app.StartAsync(ct);
        System.Console.WriteLine($"Recut is serving at {string.Join(", ", urls)} (role {options.Role.ToString().ToLowerInvariant()}, store {StoreLabel(options)})");
        System.Console.WriteLine($"API reference: {urls[0].TrimEnd('/')}/docs");
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    public static RecutOptions BuildOptions(ParseResult result)
    {
        var options = new RecutOptions();
        // Any RecutOptions property can be set as Recut__Name=value; the API.md §8 names (RECUT_*) and flags win.
        try
        {
            new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection("Recut").Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key ("Failed to convert configuration value at 'Recut:LeaseSeconds' …").
            throw new OptionsValidationException("Recut", typeof(RecutOptions), [e.Message]);
        }
        EnvironmentOverrides.Apply(options);
        if (result.GetValue(Data) is { Length: > 0 } data)
        {
            options.DataDirectory = data;
        }
        if (result.GetValue(Db) is { Length: > 0 } db)
        {
            options.Db = db;
        }
        options.Role = result.GetValue(Role);
        if (result.GetValue(Workers) is { } w and > 0)
        {
            options.Workers = w;
        }
        return options;
    }

    private static string StoreLabel(RecutOptions o) =>
        o.ResolvedDb.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "PostgreSQL" : $"SQLite {o.ResolvedDb}";
}
