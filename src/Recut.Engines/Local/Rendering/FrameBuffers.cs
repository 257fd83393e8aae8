using System.Collections.Concurrent;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// The frame buffers of one render, each exactly one frame long and reused: no more are allocated than are in flight at
/// once, and they go with the render. ArrayPool.Shared rounded a 1080p frame up to the next power of two (3.1 → 4 MB,
/// 6.2 → 8 MB), made a new one whenever a buffer came back on another thread than it left, and kept them all for the
/// rest of the process.
/// </summary>
internal sealed class FrameBuffers(int bytes)
{
    private readonly ConcurrentQueue<byte[]> _free = new();

    public byte[] Rent() => _free.TryDequeue(out var buffer) ? buffer : GC.AllocateUninitializedArray<byte>(bytes);

    public void Return(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length == bytes)
        {
            _free.Enqueue(buffer);
        }
    }
}
