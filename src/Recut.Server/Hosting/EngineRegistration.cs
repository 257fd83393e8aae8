using Microsoft.Extensions.DependencyInjection;
using Recut.Engines;
using Recut.Engines.Local;
using Recut.Engines.Pipeline;
using Recut.Media.Fetching;
using Recut.Server.Configuration;

namespace Recut.Server.Hosting;

/// <summary>Which engine runs edits (by configuration name) and what it can use.</summary>
public static class EngineRegistration
{
    public static IServiceCollection AddRecutEngines(this IServiceCollection services, RecutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var factory in LocalComposition.FrameProcessorFactories())
        {
            services.AddSingleton(factory);
        }
        services.AddSingleton<IEditEngine, LocalEditEngine>();
        services.AddDashScopeRelay(options);
        services.AddSingleton(sp =>
        {
            var engines = sp.GetServices<IEditEngine>().ToList();
            var engine = engines.FirstOrDefault(e => string.Equals(e.Name, options.Engine, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException(
                    $"Unknown engine '{options.Engine}'. Available: {string.Join(", ", engines.Select(e => e.Name))}.");
            return new EditPipeline(engine);
        });
        services.AddSingleton<IInputResolver>(sp => new FetchingInputResolver(sp.GetRequiredService<IMediaFetcher>()));
        return services;
    }
}
