using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Recut.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (ephemeral port) serving a folder, with byte ranges and HEAD.
/// <see cref="MapRaw"/> adds hand-written handlers (redirect chains, slow or lying servers) that take
/// precedence over the files.
/// </summary>
public sealed class StaticFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _raw;
    private int _requestCount;

    private StaticFileServer(WebApplication app, ConcurrentDictionary<string, Func<HttpContext, Task>> raw, Uri baseUri)
    {
        _app = app;
        _raw = raw;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseUri { get; }

    /// <summary>Requests received so far (files and raw handlers), to prove a refused fetch sent nothing.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    public static async Task<StaticFileServer> StartAsync(string rootDirectory)
    {
        var root = Path.GetFullPath(rootDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var raw = new ConcurrentDictionary<string, Func<HttpContext, Task>>(StringComparer.Ordinal);
        StaticFileServer? self = null;
        app.Use(async (ctx, next) =>
        {
            if (self is not null)
            {
                Interlocked.Increment(ref self._requestCount);
            }
            if (raw.TryGetValue(ctx.Request.Path.Value ?? "/", out var handler))
            {
                await handler(ctx).ConfigureAwait(false);
                return;
            }
            await next(ctx).ConfigureAwait(false);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            ServeUnknownFileTypes = true,
            DefaultContentType = "application/octet-stream",
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        self = new StaticFileServer(app, raw, new Uri(address.TrimEnd('/') + "/"));
        return self;
    }

    /// <summary>http://127.0.0.1:port/fileName</summary>
    public Uri Url(string fileName) => new(BaseUri, fileName.TrimStart('/'));

    /// <summary>Serves <paramref name="path"/> ("/slow" or "slow") with <paramref name="handler"/> instead of a file.</summary>
    public void MapRaw(string path, Func<HttpContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _raw[path.StartsWith('/') ? path : "/" + path] = handler;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
