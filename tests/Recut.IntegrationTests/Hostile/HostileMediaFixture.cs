using System.Text;
using Microsoft.AspNetCore.Http;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Hostile;

/// <summary>
/// A server with a short fetch timeout, and a file server full of hostile inputs: broken, disguised, enormous,
/// slow, or redirecting where no fetch may go.
/// </summary>
public sealed class HostileMediaFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new("recut-hostile-");

    public ServerProcess Server { get; private set; } = null!;
    public StaticFileServer Files { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var media = Path.Combine(_dir.Path, "media");
        Directory.CreateDirectory(media);
        var good = await TestMedia.VideoAsync(Path.Combine(media, "good.mp4"), 320, 240, 2);
        var look = await TestMedia.ImageAsync(Path.Combine(media, "look.png"), 320, 240);
        // A sound PNG header over scrambled pixel data: the header check passes, the decoder does not.
        var damaged = await File.ReadAllBytesAsync(look);
        var idat = damaged.AsSpan().IndexOf("IDAT"u8);
        for (var i = idat + 40; i < damaged.Length - 16; i++)
        {
            damaged[i] = (byte)((damaged[i] * 7) + 13);
        }
        await File.WriteAllBytesAsync(Path.Combine(media, "damaged.png"), damaged);
        await File.WriteAllBytesAsync(Path.Combine(media, "empty.mp4"), []);
        var bytes = await File.ReadAllBytesAsync(good);
        await File.WriteAllBytesAsync(Path.Combine(media, "truncated.mp4"), bytes[..(bytes.Length / 3)]);
        var corrupt = (byte[])bytes.Clone();
        new Random(3).NextBytes(corrupt.AsSpan(64));
        await File.WriteAllBytesAsync(Path.Combine(media, "corrupt.mp4"), corrupt);
        await RunFfmpegAsync(["-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "aac", "-f", "mp4", Path.Combine(media, "audio-only.mp4")]);
        await File.WriteAllTextAsync(Path.Combine(media, "page.mp4"), "<!doctype html><html><body>Not a video</body></html>");
        await File.WriteAllBytesAsync(Path.Combine(media, "huge.png"), PngHeader(30_000, 30_000));
        await RunFfmpegAsync(["-f", "lavfi", "-i", "color=c=gray:s=240x240:r=1:d=3600", "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", Path.Combine(media, "hour.mp4")]);

        Files = await StaticFileServer.StartAsync(media);
        Files.MapRaw("/drip.mp4", async context =>
        {
            context.Response.ContentType = "video/mp4";
            for (var i = 0; i < 120 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(new byte[] { 0 }, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(1000, context.RequestAborted);
            }
        });
        Files.MapRaw("/to-metadata.mp4", context =>
        {
            context.Response.Redirect("http://169.254.169.254/latest/meta-data/video.mp4");
            return Task.CompletedTask;
        });
        for (var i = 0; i < 6; i++)
        {
            var next = i + 1;
            Files.MapRaw($"/hop{i}.mp4", context =>
            {
                context.Response.Redirect($"/hop{next}.mp4");
                return Task.CompletedTask;
            });
        }
        Server = await ServerProcess.StartAsync(Path.Combine(_dir.Path, "data"),
            new Dictionary<string, string> { ["Recut__FetchTimeoutSeconds"] = "4" });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Files.DisposeAsync();
        _dir.Dispose();
    }

    private static Task RunFfmpegAsync(string[] args) =>
        Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(["-hide_banner", "-nostdin", "-y", .. args],
            new Recut.Media.Processes.ProcessRunOptions { Timeout = TimeSpan.FromMinutes(2) }, CancellationToken.None);

    /// <summary>A PNG signature and IHDR claiming the given size, with no pixel data behind it.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        using var ms = new MemoryStream();
        ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        WriteChunk(ms, "IHDR", ihdr);
        WriteChunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        var crc = Crc32([.. typeBytes, .. data]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(len, crc);
        s.Write(len);
    }

    /// <summary>PNG's chunk CRC (ISO 3309), so the header is valid and only its claimed size is hostile.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
