using Recut.Engines.Local.Frames;
using Recut.Media.Probing;

namespace Recut.Engines.Tests.Person.Helpers;

/// <summary>Frame contexts for the person tests.</summary>
public static class PersonContexts
{
    public static FrameContext For(int width, int height, string workDir, params string[] references) =>
        new(width, height, 30, references.Select(Reference).ToList(), 7, workDir);

    private static LocalMedia Reference(string path) =>
        new(path, new MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 });
}
