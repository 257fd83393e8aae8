using Recut.Media;
using Recut.Media.Probing;
using Recut.Media.Rules;
using Recut.Media.Storage;
using Recut.Protocol.Requests;

namespace Recut.Engines.Pipeline;

/// <summary>
/// The one path from a request to an edited file, shared by the server's workers and the CLI's <c>edit</c> command:
/// bring the video and reference images into the work folder, check each (magic bytes, ffprobe or image header, the
/// media rules of API.md §4), then run the engine. Any input problem ends as a <see cref="MediaException"/> with the
/// API error code; an impossible instruction as UnsupportedEdit from the engine.
/// </summary>
public sealed class EditPipeline(IEditEngine engine, MediaInspector? inspector = null)
{
    private readonly MediaInspector _inspector = inspector ?? new MediaInspector();

    public IEditEngine Engine => engine;

    public async Task<EditResult> RunAsync(Guid taskId, EditRequest request, IInputResolver inputs, string workDirectory, string outputPath,
        IEditObserver observer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inputs);
        PrivateFolder.Create(workDirectory);

        var videoPath = await inputs.ResolveAsync(request.VideoUrl, MediaKind.Video, Path.Combine(workDirectory, "input-video"), ct)
            .ConfigureAwait(false);
        var videoInfo = await _inspector.InspectVideoAsync(videoPath, ct).ConfigureAwait(false);

        var references = new List<LocalMedia>();
        for (var i = 0; i < request.ReferenceImageUrls.Count; i++)
        {
            var path = await inputs.ResolveAsync(request.ReferenceImageUrls[i], MediaKind.ReferenceImage,
                Path.Combine(workDirectory, $"reference-{i + 1}"), ct).ConfigureAwait(false);
            var header = await _inspector.InspectImageAsync(path, $"reference image {i + 1}", ct).ConfigureAwait(false);
            references.Add(new LocalMedia(path, new MediaInfo
            {
                FormatName = header.Format,
                Width = header.Width,
                Height = header.Height,
                SizeBytes = header.SizeBytes,
            }));
        }

        var job = new EditJob
        {
            TaskId = taskId,
            Request = request,
            Video = new LocalMedia(videoPath, videoInfo),
            ReferenceImages = references,
            WorkDirectory = workDirectory,
            OutputPath = outputPath,
        };
        var result = await engine.RunAsync(job, observer, ct).ConfigureAwait(false);
        OutputCompleteness.Ensure(request, videoInfo, result);
        return result;
    }
}
