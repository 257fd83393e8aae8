using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Engines.Tests.Faces;

public static class FaceAssets
{
    public static string FullRangeModel => Path.Combine(PersonAssets.ModelsRoot(), ModelLocator.MediaPipeFolder, FullRangeFaceDetector.ModelFile);

    /// <summary>A crowd of the two portraits in tests/media (see <see cref="CrowdScene"/>).</summary>
    public static CrowdScene Crowd(int width, int height, IReadOnlyList<int> faceWidths, int seed) =>
        CrowdScene.Build(width, height, faceWidths, seed, PersonAssets.All.Select(p => p.PhotoPath).ToList(), FullRangeModel);
}
