using System.Buffers.Binary;
using System.Text;

namespace Recut.Media.Probing;

/// <summary>One track of an MP4 as its sample table describes it.</summary>
/// <param name="Handler">The hdlr type: "vide", "soun", …</param>
/// <param name="Width">Display width from tkhd (16.16 fixed point, integer part); 0 for sound.</param>
public sealed record Mp4Track(string Handler, uint Timescale, ulong Duration, int Width, int Height, long SampleCount)
{
    public double DurationSeconds => Timescale == 0 ? 0 : Duration / (double)Timescale;
}

/// <summary>What the boxes of an MP4 say: the movie's duration and its tracks.</summary>
public sealed record Mp4Summary(double DurationSeconds, IReadOnlyList<Mp4Track> Tracks)
{
    public Mp4Track? Video => Tracks.FirstOrDefault(t => t.Handler == "vide");

    public bool HasAudio => Tracks.Any(t => t.Handler == "soun");
}

/// <summary>
/// Reads and checks the box structure of an MP4 that Recut itself wrote, without a process: every top-level box lies
/// within the file, the file ends exactly where its last box does, there is one moov, and every chunk of every
/// track's sample table (offsets from stco/co64, samples per chunk from stsc, sizes from stsz) lies inside an mdat.
/// A truncated or half-written file fails here, because its mdat (or moov) runs past the end of the file or its
/// samples point beyond the data. It does not decode anything: whether the samples hold pictures is the encoder's
/// word (its exit code and progress report), not this reader's.
/// </summary>
public static class Mp4Structure
{
    /// <summary>A moov this large is not one a 10 s edit writes; refusing it bounds the memory read here.</summary>
    private const int MaxMoovBytes = 64 * 1024 * 1024;

    /// <exception cref="InvalidDataException">The file is not a complete, self-consistent MP4.</exception>
    public static async Task<Mp4Summary> ReadAsync(string path, CancellationToken ct)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var length = RandomAccess.GetLength(file);
        var header = new byte[16];
        var mdats = new List<(long Start, long End)>();
        byte[]? moov = null;
        long pos = 0;
        while (pos < length)
        {
            if (length - pos < 8)
            {
                throw new InvalidDataException($"{length - pos} stray bytes after the last box at {pos}: the file is truncated or damaged");
            }
            await ReadExactlyAsync(file, header.AsMemory(0, 8), pos, ct).ConfigureAwait(false);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header, 4, 4);
            var headerSize = 8;
            if (size == 1)
            {
                if (length - pos < 16)
                {
                    throw new InvalidDataException($"the header of box {type} at {pos} is cut off");
                }
                await ReadExactlyAsync(file, header.AsMemory(8, 8), pos + 8, ct).ConfigureAwait(false);
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)), long.MaxValue);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = length - pos; // "to the end of the file"
            }
            if (size < headerSize)
            {
                throw new InvalidDataException($"box {type} at {pos} has an impossible size {size}");
            }
            if (size > length - pos)
            {
                throw new InvalidDataException($"box {type} at {pos} needs {size} bytes but the file has {length - pos} left: it is truncated");
            }
            switch (type)
            {
                case "moov" when moov is not null:
                    throw new InvalidDataException("the file has two moov boxes");
                case "moov" when size - headerSize > MaxMoovBytes:
                    throw new InvalidDataException($"the moov box is {size} bytes");
                case "moov":
                    moov = new byte[size - headerSize];
                    await ReadExactlyAsync(file, moov, pos + headerSize, ct).ConfigureAwait(false);
                    break;
                case "mdat":
                    mdats.Add((pos + headerSize, pos + size));
                    break;
            }
            pos += size;
        }
        if (moov is null)
        {
            throw new InvalidDataException("the file has no moov box");
        }
        return ParseMoov(moov, mdats);
    }

    private static async Task ReadExactlyAsync(Microsoft.Win32.SafeHandles.SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken ct)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = await RandomAccess.ReadAsync(file, buffer[done..], offset + done, ct).ConfigureAwait(false);
            if (n == 0)
            {
                throw new InvalidDataException("the file ended while it was being read");
            }
            done += n;
        }
    }

    private static Mp4Summary ParseMoov(byte[] moov, List<(long Start, long End)> mdats)
    {
        double? movie = null;
        var tracks = new List<Mp4Track>();
        foreach (var (type, body) in Children(moov))
        {
            if (type == "mvhd")
            {
                var (timescale, duration) = TimescaleAndDuration(body, "mvhd");
                movie = timescale == 0 ? 0 : duration / (double)timescale;
            }
            else if (type == "trak")
            {
                tracks.Add(ParseTrak(body, mdats));
            }
        }
        if (movie is null)
        {
            throw new InvalidDataException("the moov box has no mvhd");
        }
        return new Mp4Summary(movie.Value, tracks);
    }

    private static Mp4Track ParseTrak(ReadOnlyMemory<byte> trak, List<(long Start, long End)> mdats)
    {
        int width = 0, height = 0;
        string? handler = null;
        (uint Timescale, ulong Duration)? media = null;
        ReadOnlyMemory<byte>? stbl = null;
        foreach (var (type, body) in Children(trak))
        {
            if (type == "tkhd")
            {
                // version 0: 4+4+4+4+4 bytes of times, id, reserved and duration; version 1: 8+8+4+4+8. Then 52 bytes
                // (reserved, layer, group, volume, matrix) before the 16.16 width and height.
                var span = body.Span;
                var at = 4 + (span.Length > 0 && span[0] == 1 ? 32 : 20) + 52;
                Need(span, at + 8, "tkhd");
                width = (int)(BinaryPrimitives.ReadUInt32BigEndian(span[at..]) >> 16);
                height = (int)(BinaryPrimitives.ReadUInt32BigEndian(span[(at + 4)..]) >> 16);
            }
            else if (type == "mdia")
            {
                foreach (var (mtype, mbody) in Children(body))
                {
                    switch (mtype)
                    {
                        case "mdhd":
                            media = TimescaleAndDuration(mbody, "mdhd");
                            break;
                        case "hdlr":
                            Need(mbody.Span, 12, "hdlr");
                            handler = Encoding.ASCII.GetString(mbody.Span.Slice(8, 4));
                            break;
                        case "minf":
                            stbl = Children(mbody).Where(c => c.Type == "stbl").Select(c => (ReadOnlyMemory<byte>?)c.Body).FirstOrDefault();
                            break;
                    }
                }
            }
        }
        if (handler is null || media is null || stbl is null)
        {
            throw new InvalidDataException("a track lacks its hdlr, mdhd or sample table");
        }
        var samples = CheckSampleTable(stbl.Value, mdats, handler);
        return new Mp4Track(handler, media.Value.Timescale, media.Value.Duration, width, height, samples);
    }

    /// <summary>Walks the chunks of one track and checks each lies inside an mdat; returns the number of samples.</summary>
    private static long CheckSampleTable(ReadOnlyMemory<byte> stbl, List<(long Start, long End)> mdats, string handler)
    {
        ReadOnlyMemory<byte>? stsz = null, stsc = null, stco = null;
        var wide = false;
        foreach (var (type, body) in Children(stbl))
        {
            switch (type)
            {
                case "stsz":
                    stsz = body;
                    break;
                case "stsc":
                    stsc = body;
                    break;
                case "stco":
                    stco = body;
                    break;
                case "co64":
                    stco = body;
                    wide = true;
                    break;
            }
        }
        if (stsz is null || stsc is null || stco is null)
        {
            throw new InvalidDataException($"the {handler} track's sample table lacks stsz, stsc or a chunk offset box");
        }
        var sizes = stsz.Value.Span;
        Need(sizes, 12, "stsz");
        var fixedSize = BinaryPrimitives.ReadUInt32BigEndian(sizes[4..]);
        long sampleCount = BinaryPrimitives.ReadUInt32BigEndian(sizes[8..]);
        if (fixedSize == 0)
        {
            Need(sizes, 12 + (sampleCount * 4), "stsz");
        }
        var chunks = stco.Value.Span;
        Need(chunks, 8, "stco");
        long chunkCount = BinaryPrimitives.ReadUInt32BigEndian(chunks[4..]);
        Need(chunks, 8 + (chunkCount * (wide ? 8 : 4)), wide ? "co64" : "stco");
        var runs = stsc.Value.Span;
        Need(runs, 8, "stsc");
        long runCount = BinaryPrimitives.ReadUInt32BigEndian(runs[4..]);
        Need(runs, 8 + (runCount * 12), "stsc");

        long sample = 0;
        for (var r = 0; r < runCount; r++)
        {
            var entry = runs[(8 + (r * 12))..];
            long first = BinaryPrimitives.ReadUInt32BigEndian(entry);
            long perChunk = BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            long next = r + 1 < runCount ? BinaryPrimitives.ReadUInt32BigEndian(runs[(8 + ((r + 1) * 12))..]) : chunkCount + 1;
            if (first < 1 || next <= first || next > chunkCount + 1)
            {
                throw new InvalidDataException($"the {handler} track's stsc is out of order");
            }
            for (var chunk = first; chunk < next; chunk++)
            {
                var offset = wide
                    ? (long)BinaryPrimitives.ReadUInt64BigEndian(chunks[(int)(8 + ((chunk - 1) * 8))..])
                    : BinaryPrimitives.ReadUInt32BigEndian(chunks[(int)(8 + ((chunk - 1) * 4))..]);
                long bytes = 0;
                for (var i = 0; i < perChunk; i++, sample++)
                {
                    if (sample >= sampleCount)
                    {
                        throw new InvalidDataException($"the {handler} track's chunks hold more samples than stsz lists");
                    }
                    bytes += fixedSize != 0 ? fixedSize : BinaryPrimitives.ReadUInt32BigEndian(sizes[(int)(12 + (sample * 4))..]);
                }
                if (!mdats.Any(m => offset >= m.Start && offset + bytes <= m.End))
                {
                    throw new InvalidDataException(
                        $"chunk {chunk} of the {handler} track ({bytes} bytes at {offset}) lies outside the media data: the file is truncated or damaged");
                }
            }
        }
        if (sample != sampleCount)
        {
            throw new InvalidDataException($"the {handler} track lists {sampleCount} samples but its chunks hold {sample}");
        }
        return sampleCount;
    }

    private static (uint Timescale, ulong Duration) TimescaleAndDuration(ReadOnlyMemory<byte> body, string box)
    {
        var span = body.Span;
        Need(span, 4, box);
        if (span[0] == 1)
        {
            Need(span, 4 + 8 + 8 + 4 + 8, box);
            return (BinaryPrimitives.ReadUInt32BigEndian(span[20..]), BinaryPrimitives.ReadUInt64BigEndian(span[24..]));
        }
        Need(span, 4 + 4 + 4 + 4 + 4, box);
        return (BinaryPrimitives.ReadUInt32BigEndian(span[12..]), BinaryPrimitives.ReadUInt32BigEndian(span[16..]));
    }

    private static void Need(ReadOnlySpan<byte> span, long bytes, string box)
    {
        if (span.Length < bytes)
        {
            throw new InvalidDataException($"the {box} box is too short");
        }
    }

    /// <summary>The boxes directly inside a container box's body; each must fit inside it.</summary>
    private static List<(string Type, ReadOnlyMemory<byte> Body)> Children(ReadOnlyMemory<byte> container)
    {
        var list = new List<(string, ReadOnlyMemory<byte>)>();
        var span = container.Span;
        var pos = 0;
        while (pos + 8 <= span.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(span[pos..]);
            var type = Encoding.ASCII.GetString(span.Slice(pos + 4, 4));
            var headerSize = 8;
            if (size == 1)
            {
                Need(span[pos..], 16, type);
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(span[(pos + 8)..]), long.MaxValue);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = span.Length - pos;
            }
            if (size < headerSize || size > span.Length - pos)
            {
                throw new InvalidDataException($"box {type} does not fit inside its parent");
            }
            list.Add((type, container.Slice(pos + headerSize, (int)size - headerSize)));
            pos += (int)size;
        }
        if (pos != span.Length)
        {
            throw new InvalidDataException("stray bytes inside a box");
        }
        return list;
    }
}
