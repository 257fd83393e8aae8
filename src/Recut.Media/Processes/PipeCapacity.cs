using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Recut.Media.Processes;

/// <summary>
/// Widens a pipe to a child process. Raw frames are a megabyte or more each; through Linux's default 64 KiB pipe the
/// two processes take turns every 64 KiB, twenty-odd times a 720p frame on each side of the frame pipeline.
/// </summary>
public static class PipeCapacity
{
    /// <summary>Linux's unprivileged ceiling by default (/proc/sys/fs/pipe-max-size).</summary>
    public const int Wide = 1 << 20;

    private const int SetPipeSize = 1031; // F_SETPIPE_SZ
    private const int GetPipeSize = 1032; // F_GETPIPE_SZ

    /// <summary>Best effort: off Linux, on a stream that is not a pipe, or above the ceiling, the pipe stays as it was.</summary>
    public static void TryWiden(Stream stream, int bytes = Wide) => _ = Control(stream, SetPipeSize, bytes);

    /// <summary>The pipe's capacity in bytes; null off Linux or when the stream is not a pipe.</summary>
    public static int? Capacity(Stream stream) => Control(stream, GetPipeSize, 0) is var bytes and > 0 ? bytes : null;

    private static int Control(Stream stream, int command, int argument)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe)
        {
            return -1;
        }
        var added = false;
        try
        {
            pipe.SafePipeHandle.DangerousAddRef(ref added);
            return Fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), command, argument);
        }
        finally
        {
            if (added)
            {
                pipe.SafePipeHandle.DangerousRelease();
            }
        }
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, int argument);
}
