using System.CommandLine;
using Recut.Cli.Console;
using Recut.Cli.Output;
using Recut.Engines;
using Recut.Client;
using Recut.Protocol.Errors;
using Dialect = Recut.Protocol.Requests.Dialect;
using CreateRequestParser = Recut.Protocol.Requests.CreateRequestParser;
using Recut.Server.Hosting;

namespace Recut.Cli.Commands;

/// <summary>`recut edit IN.mp4 --ref REF.png -p "…" -o OUT.mp4`: the local engine, no server, with a progress bar.</summary>
public static class EditCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "Source video (mp4 or mov, 2–10 s)" };
        var refs = new Option<FileInfo[]>("--ref", "-r") { Description = "Reference image(s)", AllowMultipleArgumentsPerToken = false };
        var prompt = new Option<string>("--prompt", "-p") { Description = "The edit instruction", DefaultValueFactory = _ => "" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the mp4: a file, or a folder (written as <input>.recut.mp4)", Required = true };
        var p = new RequestOptions();
        var command = new Command("edit", "Edit a local file with the local engine (no server; exit 1 when the edit fails, 2 for bad input)") { input, refs, prompt, output };
        p.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var source = result.GetValue(input)!;
            var references = result.GetValue(refs) ?? [];
            foreach (var f in references.Prepend(source).Where(f => !f.Exists))
            {
                await System.Console.Error.WriteLineAsync($"error: file not found: {f.FullName}");
                return ExitCodes.Usage;
            }
            // The same validation as the API: build the request body and let the protocol parser judge it.
            var spec = p.ToSpec(result, "https://local.invalid/input", references.Select((_, i) => $"https://local.invalid/ref{i}").ToList(),
                result.GetValue(prompt) ?? "") with { Resolution = result.GetValue(p.Resolution) ?? "720P" };
            var parsed = CreateRequestParser.Parse(CreateBody.Build(spec).ToJsonString(), Dialect.DashScope);
            if (parsed.Error is { } invalid)
            {
                await System.Console.Error.WriteLineAsync($"error: [{invalid.Code}] {invalid.Message}");
                return ExitCodes.Usage;
            }
            string target;
            try
            {
                // Before the render, so a folder given as -o or an unwritable place fails now, not after minutes of work.
                target = OutputPath.Resolve(result.GetValue(output)!, Path.GetFileNameWithoutExtension(source.Name) + ".recut.mp4");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await System.Console.Error.WriteLineAsync($"error: cannot write {result.GetValue(output)}: {e.Message}");
                return ExitCodes.Usage;
            }
            var request = parsed.Request! with
            {
                VideoUrl = source.FullName,
                ReferenceImageUrls = references.Select(r => r.FullName).ToList(),
            };
            var work = Directory.CreateTempSubdirectory("recut-edit-");
            try
            {
                var pipeline = LocalComposition.CreatePipeline();
                var observer = new ConsoleEditObserver();
                var edit = await ProgressBar.RunAsync("Editing", async progress =>
                {
                    observer.Progress = progress;
                    var tmp = Path.Combine(work.FullName, "result.mp4");
                    var r = await pipeline.RunAsync(Guid.NewGuid(), request, LocalComposition.LocalFiles(), work.FullName, tmp, observer, ct);
                    File.Move(tmp, target, overwrite: true);
                    return r;
                });
                System.Console.WriteLine($"Wrote {target}: {edit.Width}x{edit.Height}, {edit.OutputVideoDuration:0.00} s");
                return ExitCodes.Done;
            }
            catch (ApiErrorException e)
            {
                await System.Console.Error.WriteLineAsync($"FAILED [{e.Error.Code}] {e.Error.Message}");
                return ExitCodes.Failed;
            }
            catch (Recut.Media.MediaException e)
            {
                await System.Console.Error.WriteLineAsync($"FAILED [{e.Code}] {e.Message}");
                return ExitCodes.Failed;
            }
            finally
            {
                work.Delete(recursive: true);
            }
        });
        return command;
    }

    private sealed class ConsoleEditObserver : IEditObserver
    {
        public IProgress<double>? Progress { get; set; }

        public Task OnPlanAsync(PlanReport plan, CancellationToken ct)
        {
            // Through the bar's console, which prints the line above the live bar instead of through it.
            ProgressBar.WriteLine(plan.Description);
            return Task.CompletedTask;
        }

        public void OnProgress(double fraction) => Progress?.Report(fraction);
    }
}
