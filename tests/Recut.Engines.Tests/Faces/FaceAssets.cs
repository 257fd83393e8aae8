using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Engines.Tests.Faces;

public static class FaceAssets
{
    public static string FullRangeModel => Path.Combine(PersonAssets.ModelsRoot(), ModelLocator.MediaPipeFolder, FullRangeFaceDetector.ModelFile);
}
