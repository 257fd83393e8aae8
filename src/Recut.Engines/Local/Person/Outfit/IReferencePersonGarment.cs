using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>Finds the clothing of a person in a still reference image, the same way as in the video.</summary>
public interface IReferencePersonGarment
{
    /// <summary>A CV_8UC1 mask (0/255) of the clothing in <paramref name="bgr"/>, or null when it shows no person with a face.</summary>
    Mat? FindGarment(Mat bgr);
}
