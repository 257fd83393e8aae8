using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Recut.Cli.Console;
using Recut.Client;
using Dialect = Recut.Protocol.Requests.Dialect;
using Recut.Server.Hosting;

namespace Recut.Cli.Commands;

/// <summary>
/// `recut demo`: starts the server on the embedded defaults, makes a sample clip and reference image, sends the
/// reference request (APIYI dialect) over HTTP, waits with a progress bar and downloads the result.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Exit after the demo edit instead of serving on" };
        var command = new Command("demo", "Start the server and run one real edit end to end")
        {
            ServeCommand.Urls, ServeCommand.Data, ServeCommand.Db, once,
        };
        command.SetAction(async (result, ct) =>
        {
            var options = ServeCommand.BuildOptions(result);
            var url = result.GetValue(ServeCommand.Urls)!.Split(';')[0].TrimEnd('/');
            var demoDir = Path.GetFullPath(Path.Combine(options.DataDirectory, "demo"));
            Directory.CreateDirectory(demoDir);

            options.AllowPrivateFetch = true; // the demo fetches its own inputs from 127.0.0.1
            if (string.IsNullOrWhiteSpace(options.ApiKeys))
            {
                // The demo always has a key of its own, even on a data folder that already holds managed keys.
                var (devKey, created) = Recut.Server.Auth.DevelopmentKey.LoadOrCreate(options.DataDirectory);
                options.ApiKeys = devKey;
                if (created)
                {
                    System.Console.WriteLine($"Created a development key (saved in {Path.Combine(options.DataDirectory, Recut.Server.Auth.DevelopmentKey.FileName)})");
                }
            }
            var key = options.ApiKeys!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            // The server's own log goes to a file: on the terminal its lines would bury the demo's steps and break the bar.
            var logPath = Path.Combine(demoDir, "server.log");
            var fileLog = new Serilog.LoggerConfiguration().MinimumLevel.Information()
                .WriteTo.File(logPath, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}")
                .CreateLogger();
            var app = await RecutServer.BuildAsync(options, [url], System.Console.WriteLine, logging =>
            {
                logging.ClearProviders();
                logging.AddSerilog(fileLog, dispose: true);
            }, ct);
            // The demo's inputs are served by the same process under /demo-media, read-only, demo only.
            app.MapGet("/demo-media/{name}", (string name) =>
                DemoMedia.Names.Contains(name)
                    ? Microsoft.AspNetCore.Http.Results.File(Path.Combine(demoDir, name), DemoMedia.ContentType(name))
                    : Microsoft.AspNetCore.Http.Results.NotFound()).ExcludeFromDescription();
            await app.StartAsync(ct);
            System.Console.WriteLine($"Recut is serving at {url}  (API reference: {url}/docs)");
            System.Console.WriteLine($"API key: {key}");
            System.Console.WriteLine($"Server log: {logPath}");

            System.Console.WriteLine("Making a sample clip and a reference image with ffmpeg…");
            await DemoMedia.CreateAsync(demoDir, ct);

            using var http = new HttpClient();
            var client = new RecutClient(http, new RecutClientOptions { BaseUrl = new Uri(url), ApiKey = key, Dialect = Dialect.Apiyi });
            var spec = new EditTaskSpec
            {
                VideoUrl = $"{url}/demo-media/{DemoMedia.Clip}",
                ReferenceImageUrls = [$"{url}/demo-media/{DemoMedia.Look}"],
                Prompt = "Give the video the colour look of the reference image, and make it a little brighter",
                Resolution = "720P",
                PromptExtend = true,
                Watermark = true,
            };
            var taskId = await client.CreateEditTaskAsync(spec, ct);
            System.Console.WriteLine($"Submitted task {taskId}");
            var final = await ProgressBar.RunAsync("Editing", async progress =>
                await client.WaitAsync(taskId, new InlineProgress<TaskInfo>(t => progress.Report((t.Progress ?? 0) / 100.0)), ct));
            var dashscope = new RecutClient(http, client.Options with { Dialect = Dialect.DashScope });
            var detail = await dashscope.GetTaskAsync(taskId, ct);
            System.Console.WriteLine($"Plan (actual_prompt): {detail.ActualPrompt}");
            var output = Path.Combine(demoDir, "result.mp4");
            await client.DownloadResultAsync(final, output, null, ct);
            System.Console.WriteLine($"Result: {output}  ({new FileInfo(output).Length / 1024} KiB, {detail.OutputVideoDuration:0.00} s)");
            System.Console.WriteLine($"Signed URL (no key needed, expires in 24 h): {final.VideoUrl}");
            if (result.GetValue(once))
            {
                await app.StopAsync(CancellationToken.None);
                return 0;
            }
            System.Console.WriteLine($"Still serving at {url}; try: curl -H 'Authorization: Bearer {key}' {url}/api/v1/tasks/{taskId}  (Ctrl+C to stop)");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
