using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Helpers;
using Recut.Engines.Tests.Person.Support;
using Recut.Protocol.Errors;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Person;

public sealed class ModelAvailabilityTests
{
    private static readonly FrameOperation[] PersonEdits =
        [new BackgroundReplaceOp(0), new BackgroundBlurOp(0.5), new BackgroundSolidOp(0, 255, 0, "green"), new BackgroundGrayscaleOp(), new OutfitRecolourOp(0)];

    [Fact]
    public void Missing_models_make_every_person_edit_unavailable_with_the_fix_in_the_reason()
    {
        using var empty = new TempDir("recut-nomodels");
        var factory = PersonFrameProcessorFactory.FromOptions(new SegmenterOptions { ModelsDirectory = empty.Path });
        Assert.All(PersonEdits, op => Assert.False(factory.CanCreate(op)));
        Assert.Contains("scripts/fetch-models.sh", factory.UnavailableReason, StringComparison.Ordinal);
        var error = Assert.Throws<ApiErrorException>(() => factory.Create(new BackgroundBlurOp(0.5), PersonContexts.For(64, 64, empty.Path)));
        Assert.Equal(ErrorCodes.UnsupportedEdit, error.Error.Code);
    }

    [Fact]
    public void A_missing_face_model_alone_also_makes_them_unavailable()
    {
        using var partial = new TempDir("recut-partialmodels");
        var folder = Directory.CreateDirectory(Path.Combine(partial.Path, ModelLocator.MediaPipeFolder)).FullName;
        var real = Path.Combine(PersonAssets.ModelsRoot(), ModelLocator.MediaPipeFolder);
        foreach (var file in new[] { MediaPipeSegmenterFactory.SquareModelFile, MediaPipeSegmenterFactory.LandscapeModelFile })
        {
            File.Copy(Path.Combine(real, file), Path.Combine(folder, file));
        }
        var factory = PersonFrameProcessorFactory.FromOptions(new SegmenterOptions { ModelsDirectory = partial.Path });
        Assert.False(factory.CanCreate(new BackgroundSolidOp(0, 0, 0, "black")));
        Assert.Contains("face detection model missing", factory.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_models_every_person_edit_is_available_and_others_are_not_claimed()
    {
        var factory = PersonFrameProcessorFactory.FromOptions(new SegmenterOptions { ModelsDirectory = PersonAssets.ModelsRoot() });
        Assert.Null(factory.UnavailableReason);
        Assert.All(PersonEdits, op => Assert.True(factory.CanCreate(op)));
        Assert.False(factory.CanCreate(new OtherFrameOp()));
        Assert.Throws<ArgumentException>(() => factory.Create(new OtherFrameOp(), PersonContexts.For(64, 64, Path.GetTempPath())));
    }

    [Fact]
    public void An_unknown_segmenter_name_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => PersonSegmenterFactories.FromOptions(new SegmenterOptions { Segmenter = "onnx-matting" }));
        Assert.Contains("mediapipe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_models_root_is_found_from_the_test_binaries()
    {
        // No RECUT_MODELS_DIR in CI: walking up from bin/ must reach the repository's models/ folder.
        var root = Environment.GetEnvironmentVariable(ModelLocator.EnvironmentVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(PersonAssets.RepoRoot, "models");
        Assert.Equal(root, ModelLocator.FindModelsRoot());
        Assert.Equal(Path.GetFullPath("/some/where"), ModelLocator.FindModelsRoot("/some/where"));
    }

    private sealed record OtherFrameOp : FrameOperation
    {
        public override string Describe() => "something else";
    }
}
