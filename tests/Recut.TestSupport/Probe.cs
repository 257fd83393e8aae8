using System.Text.Json;
using Recut.Media.Processes;

namespace Recut.TestSupport;

/// <summary>Raw ffprobe output for assertions on produced files (moov first, pix_fmt, codec).</summary>
public static class Probe
{
    /// <summary>ffprobe -show_streams -show_format as JSON.</summary>
    public static async Task<JsonDocument> FfprobeJsonAsync(string path)
    {
        string[] args = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path];
        var bytes = await Ffmpeg.CaptureAsync(ProcessRunner.Ffprobe, args, CancellationToken.None).ConfigureAwait(false);
        return JsonDocument.Parse(bytes);
    }

    /// <summary>True when the mp4/mov's moov box comes before its mdat box (playable while downloading).</summary>
    public static bool MoovBeforeMdat(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        long pos = 0;
        while (pos + 8 <= file.Length)
        {
            file.Position = pos;
            file.ReadExactly(header[..8]);
            long size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header.Slice(4, 4));
            if (size == 1)
            {
                file.ReadExactly(header.Slice(8, 8));
                size = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(header.Slice(8, 8));
            }
            else if (size == 0)
            {
                size = file.Length - pos;
            }
            if (type == "moov")
            {
                return true;
            }
            if (type == "mdat")
            {
                return false;
            }
            if (size < 8)
            {
                return false;
            }
            pos += size;
        }
        return false;
    }
}
