using System.Net;
using System.Net.Sockets;

namespace Recut.Bench.Foundation;

/// <summary>
/// Serves the bench's generated clip and reference image over loopback from this process (no helper process
/// competing for the cores): what a deployment's media host would be, at loopback speed.
/// </summary>
public sealed class MediaFolderServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly Task _loop;

    public MediaFolderServer(string folder)
    {
        _folder = Path.GetFullPath(folder);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string name) => $"http://127.0.0.1:{Port}/{name}";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        // Only the files of the folder itself, by plain name.
        var name = Path.GetFileName(context.Request.Url?.AbsolutePath ?? "");
        var path = Path.Combine(_folder, name);
        if (name.Length == 0 || !File.Exists(path))
        {
            response.StatusCode = 404;
            return;
        }
        response.ContentType = name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "video/mp4";
        var bytes = await File.ReadAllBytesAsync(path);
        response.ContentLength64 = bytes.Length;
        try
        {
            await response.OutputStream.WriteAsync(bytes);
        }
        catch (HttpListenerException)
        {
            // the fetcher gave up; nothing to do
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(2));
    }
}
