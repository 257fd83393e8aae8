using Recut.Engines.Local;
using Recut.Engines.Local.Frames;
using Recut.Engines.Pipeline;
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
}
