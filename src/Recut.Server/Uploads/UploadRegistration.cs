using Microsoft.Extensions.DependencyInjection;
using Recut.Media.Storage.S3;
using Recut.Server.Configuration;
using Recut.Server.Uploads.Backends;

namespace Recut.Server.Uploads;

/// <summary>
/// The upload store (under &lt;data&gt;/uploads, or in the S3 bucket when one is configured; kept as long as tasks are) and
/// its sweeper.
/// </summary>
public static class UploadRegistration
{
    public static IServiceCollection AddRecutUploads(this IServiceCollection services, RecutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IUploadBackend>(sp => options.S3.Enabled
            ? new S3UploadBackend(sp.GetRequiredService<S3Bucket>(), Path.Combine(options.DataDirectory, "upload-staging"))
            : new FolderUploadBackend(Path.Combine(options.DataDirectory, "uploads")));
        services.AddSingleton(sp => new UploadStore(sp.GetRequiredService<IUploadBackend>(),
            TimeSpan.FromHours(options.RetentionHours), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UploadQuota>();
        services.AddHostedService<UploadSweeper>();
        return services;
    }
}
