using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recut.Server.Configuration;
using Recut.Tasks;

namespace Recut.Server.Hosting;

/// <summary>
/// `--role worker`: workers and the retention sweep only, no HTTP listener — a worker needs no inbound port,
/// only the shared task store and data folder.
/// </summary>
public static class WorkerHost
{
    public static async Task<IHost> BuildAsync(RecutOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tools = await StartupChecks.RunAsync(options, ct);
        Directory.CreateDirectory(options.DataDirectory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        RecutServer.ConfigureLogging(builder.Logging);
        // Workers never authenticate callers; an empty key ring keeps the shared registration happy.
        builder.Services.AddRecutCore(options, new Auth.ApiKeyRing([]));
        builder.Services.AddRecutWorkers(options);
        builder.Services.AddSingleton(tools);
        builder.Services.AddMetrics();
        var host = builder.Build();
        await host.Services.GetRequiredService<ITaskStore>().InitializeAsync(ct);
        return host;
    }
}
