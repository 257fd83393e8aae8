using Microsoft.Extensions.DependencyInjection;
using Recut.Server.Configuration;

namespace Recut.Server.Uploads;

/// <summary>The upload store (under &lt;data&gt;/uploads, kept as long as tasks are) and its sweeper.</summary>
public static class UploadRegistration
{
    public static IServiceCollection AddRecutUploads(this IServiceCollection services, RecutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp => new UploadStore(Path.Combine(options.DataDirectory, "uploads"),
            TimeSpan.FromHours(options.RetentionHours), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UploadQuota>();
        services.AddHostedService<UploadSweeper>();
        return services;
    }
}
