using Recut.Engines.Local;
using Recut.Engines.Local.Frames;
using Recut.Engines.Pipeline;
using Recut.Media.Probing;
using Recut.Protocol.Requests;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Support;

/// <summary>One finished edit: the output file, the engine's result and what it reported. Disposing deletes it all.</summary>
internal sealed record EngineOutcome(TempDir Work, string Output, EditResult Result, RecordingObserver Observer) : IDisposable
{
    public Task<RgbFrame> FrameAsync(double at = 1.0) => FrameReader.ReadAsync(Output, at);

    public void Dispose() => Work.Dispose();
}

/// <summary>Runs the local engine the way the CLI does: EditPipeline with local files, 720P, seed 42.</summary>
internal static class EngineRuns
{
    public static async Task<EngineOutcome> RunAsync(string video, IReadOnlyList<string> references, string prompt,
        Func<EditRequest, EditRequest>? configure = null, IEnumerable<IFrameProcessorFactory>? factories = null,
        CancellationToken ct = default)
    {
        var work = new TempDir("recut-engine-run");
        try
        {
            var request = new EditRequest
            {
                VideoUrl = video,
                ReferenceImageUrls = references,
                Prompt = prompt,
                Resolution = "720P",
                Seed = 42,
            };
            request = configure?.Invoke(request) ?? request;
            var pipeline = new EditPipeline(new LocalEditEngine(factories ?? []));
            var observer = new RecordingObserver();
            var output = work.File("result.mp4");
            var result = await pipeline.RunAsync(Guid.NewGuid(), request, new LocalFileInputResolver(), work.File("work"), output, observer, ct);
            return new EngineOutcome(work, output, result, observer);
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }

    /// <summary>Runs the engine itself on an EditJob built here (no input rules, so 1 s clips are fine), 720P, seed 42.</summary>
    public static async Task<EngineOutcome> RunEngineAsync(string video, IReadOnlyList<string> references, string prompt,
        Func<EditRequest, EditRequest>? configure = null, IEnumerable<IFrameProcessorFactory>? factories = null,
        CancellationToken ct = default)
    {
        var work = new TempDir("recut-engine-job");
        try
        {
            var request = new EditRequest { VideoUrl = video, ReferenceImageUrls = references, Prompt = prompt, Resolution = "720P", Seed = 42 };
            request = configure?.Invoke(request) ?? request;
            var probe = new FfprobeReader();
            var refs = new List<LocalMedia>();
            foreach (var r in references)
            {
                refs.Add(new LocalMedia(r, await probe.ProbeAsync(r, await MagicBytes.DetectFileAsync(r, ct), ct)));
            }
            Directory.CreateDirectory(work.File("work"));
            var job = new EditJob
            {
                TaskId = Guid.NewGuid(),
                Request = request,
                Video = new LocalMedia(video, await probe.ProbeAsync(video, ct)),
                ReferenceImages = refs,
                WorkDirectory = work.File("work"),
                OutputPath = work.File("result.mp4"),
            };
            var observer = new RecordingObserver();
            var result = await new LocalEditEngine(factories ?? []).RunAsync(job, observer, ct);
            return new EngineOutcome(work, job.OutputPath, result, observer);
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }
}
