namespace Recut.Media;

public enum MediaKind
{
    Video,
    ReferenceImage,
}
