using OpenCvSharp;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Person.Imaging;

/// <summary>Loads a task's reference image as BGR (EXIF orientation applied), failing the task clearly when it cannot.</summary>
public static class ReferenceImages
{
    public static Mat Load(IReadOnlyList<LocalMedia> references, int index)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (index < 0 || index >= references.Count)
        {
            throw new ApiErrorException(ErrorCodes.UnsupportedEdit,
                $"the edit needs reference image {index + 1}, but {references.Count} reference image(s) were given");
        }
        var path = references[index].Path;
        var image = Cv2.ImRead(path, ImreadModes.Color);
        if (image.Empty())
        {
            image.Dispose();
            throw new ApiErrorException(ErrorCodes.FileOpenError, $"reference image {index + 1} could not be decoded");
        }
        return image;
    }
}
