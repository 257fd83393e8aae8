using System.Globalization;
using System.Text;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Rendering;

namespace Recut.Engines.Local.Reframing;

/// <summary>
/// ffmpeg's side of a reframe: a crop of the source frame to the output's shape whose x (or y) is set for each frame
/// by <c>sendcmd</c> from a command file in the task's work folder, then a scale to the output size. The position is
/// written as an expression of the room left, <c>(iw-ow)*share</c>, so it needs no knowledge of the decoded size and
/// can never put the window outside the frame. Cropping before scaling keeps the scaler's work to the output's pixels.
/// </summary>
public static class ReframeFilters
{
    /// <summary>The crop's instance name, which the commands address.</summary>
    public const string CropName = "crop@reframe";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Timestamps from 0 (the path's clock), the commands, the moving crop, the output size.</summary>
    public static string Geometry(ReframeSpec reframe, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(reframe);
        var commands = reframe.CommandsPath ?? throw new InvalidOperationException("the reframe path has not been analysed yet");
        var aspect = Number(reframe.OutputAspect);
        var window = reframe.Axis == ReframeAxis.Horizontal
            ? $"w=trunc(ih*{aspect}/2)*2:h=ih:x={Position("iw-ow", reframe.InitialShare)}:y=0"
            : $"w=iw:h=trunc(iw/{aspect}/2)*2:x=0:y={Position("ih-oh", reframe.InitialShare)}";
        return string.Create(Inv,
            $"setpts=PTS-STARTPTS,sendcmd=f={FilterEscaping.Quote(commands)},{CropName}={window},scale={width}:{height}:flags=bicubic,setsar=1");
    }

    /// <summary>The command file: one command whenever the window moves (a still camera writes nothing), frame times at <paramref name="fps"/>.</summary>
    public static string Commands(ReframeAxis axis, IReadOnlyList<double> shares, double fps)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var (option, room) = axis == ReframeAxis.Horizontal ? ("x", "iw-ow") : ("y", "ih-oh");
        var text = new StringBuilder();
        string? last = null;
        for (var k = 0; k < shares.Count; k++)
        {
            var value = Position(room, shares[k]);
            if (value == last)
            {
                continue;
            }
            text.Append(string.Create(Inv, $"{k / fps:0.######} {CropName} {option} {value};\n"));
            last = value;
        }
        return text.ToString();
    }

    private static string Position(string room, double share) => string.Create(Inv, $"({room})*{Math.Clamp(share, 0, 1):0.00000}");

    private static string Number(double v) => v.ToString("0.######", Inv);
}
