using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Recut.Server.Tests.Limits;

/// <summary>
/// A body that drips (5 bytes/s, far below the minimum data rate) or does not finish within the route's deadline ends
/// in 408 RequestTimeout with the catalogue's JSON body, over a real socket: never a 500, a stack trace or a path.
/// </summary>
public sealed class SlowBodyTests : IAsyncLifetime
{
    private const string Key = "sk-slow-body-test";
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(o =>
    {
        o.ApiKeys = Key;
        o.MinBodyBytesPerSecond = 240;
        o.BodyGraceSeconds = 2;
        o.CreateBodyTimeoutSeconds = 4;
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/uploads", "multipart/form-data; boundary=drip", "--drip\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n")]
    [InlineData("/api/v1/services/aigc/video-generation/video-synthesis", "application/json", "{\"model\":\"wan2.7-videoedit\",\"input\":{\"prompt\":\"")]
    public async Task A_body_dripping_five_bytes_a_second_is_answered_408_as_json(string path, string contentType, string start)
    {
        var (head, body) = await SendAsync(path, contentType, declaredLength: 4000, start, bytesPerSecond: 5);

        AssertRequestTimeout(head, body);
    }

    [Fact]
    public async Task A_create_body_above_the_rate_but_past_the_deadline_is_answered_408()
    {
        // 1000 bytes/s passes the data rate; 100 kB of it would take 100 s, past the create's 4 s deadline.
        var (head, body) = await SendAsync("/api/v1/services/aigc/video-generation/video-synthesis", "application/json",
            declaredLength: 100_000, "{\"model\":\"wan2.7-videoedit\",\"input\":{\"prompt\":\"", bytesPerSecond: 1000);

        AssertRequestTimeout(head, body);
    }

    private static void AssertRequestTimeout(string head, string body)
    {
        Assert.StartsWith("HTTP/1.1 408", head, StringComparison.Ordinal);
        Assert.Contains("application/json", head, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("RequestTimeout", json.RootElement.GetProperty("code").GetString());
        Assert.Equal(Recut.Protocol.Errors.ErrorMessages.BodyTooSlow, json.RootElement.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("request_id").GetString(), out _));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Sends the headers, then the body at <paramref name="bytesPerSecond"/> until the server answers; returns the
    /// answer's head and body. 90 s bounds a loaded machine; the server should answer within a few seconds.
    /// </summary>
    private async Task<(string Head, string Body)> SendAsync(string path, string contentType, int declaredLength, string start, int bytesPerSecond)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.Port);
        var stream = client.GetStream();
        var headers = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {Key}\r\nX-DashScope-Async: enable\r\n"
            + $"Content-Type: {contentType}\r\nContent-Length: {declaredLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var reading = ReadAnswerAsync(stream, stop.Token);
        var payload = Encoding.ASCII.GetBytes(start.PadRight(declaredLength, 'x'));
        var sent = 0;
        // A chunk every 200 ms: the rate is what the test says, and the answer is noticed quickly.
        var chunk = Math.Max(1, bytesPerSecond / 5);
        while (!reading.IsCompleted && sent < payload.Length && !stop.IsCancellationRequested)
        {
            var n = Math.Min(chunk, payload.Length - sent);
            try
            {
                await stream.WriteAsync(payload.AsMemory(sent, n), stop.Token);
            }
            catch (IOException)
            {
                break; // the server answered and closed the connection
            }
            sent += n;
            await Task.WhenAny(reading, Task.Delay(200, stop.Token));
        }
        Assert.True(sent < payload.Length, "the whole body was sent before the server answered");
        var answer = await reading;
        var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, "no HTTP answer: " + answer);
        return (answer[..split], answer[(split + 4)..]);
    }

    /// <summary>Reads until the server closes the connection (it does after a 408) or the body is complete.</summary>
    private static async Task<string> ReadAnswerAsync(NetworkStream stream, CancellationToken ct)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, ct);
            }
            catch (IOException)
            {
                break;
            }
            if (read == 0)
            {
                break;
            }
            received.Write(buffer, 0, read);
            var text = Encoding.UTF8.GetString(received.ToArray());
            if (IsComplete(text))
            {
                return text;
            }
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static bool IsComplete(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }
        var head = text[..split];
        var line = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return line is not null && int.TryParse(line["Content-Length:".Length..].Trim(), out var length)
            && Encoding.UTF8.GetByteCount(text[(split + 4)..]) >= length;
    }
}
