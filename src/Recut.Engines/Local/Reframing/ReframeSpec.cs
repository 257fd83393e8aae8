using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Reframing;

/// <summary>
/// The render side of a reframe: the axis the window moves along, the output's width/height, and — once the clip
/// has been analysed (<see cref="ReframeAnalyser"/>) — the <c>sendcmd</c> file that moves ffmpeg's crop frame by
/// frame, and where the window starts (a share 0..1 of the room it has to move in).
/// </summary>
public sealed record ReframeSpec(ReframeAxis Axis, double OutputAspect)
{
    public string? CommandsPath { get; init; }
    public double InitialShare { get; init; } = 0.5;
}
