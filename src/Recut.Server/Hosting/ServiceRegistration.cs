using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recut.Media.Fetching;
using Recut.Media.Signing;
using Recut.Media.Storage;
using Recut.Media.Storage.S3;
using Recut.Server.Auth;
using Recut.Server.Configuration;
using Recut.Server.Endpoints;
using Recut.Server.Limits;
using Recut.Server.Observability;
using Recut.Server.Signing;
using Recut.Server.Uploads;
using Recut.Server.Webhooks;
using Recut.Server.Workers;
using Recut.Tasks;
using Recut.Tasks.Keys;
using Recut.Tasks.Sql;
using Recut.Tasks.Webhooks;

namespace Recut.Server.Hosting;

/// <summary>The composition root: which implementation stands behind each seam.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddRecutCore(this IServiceCollection services, RecutOptions options, ApiKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(Options.Create(options));
        // Routes that answer with Results.Json and no options of their own (health) write raw UTF-8 like the rest.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = Recut.Protocol.Json.RawUtf8JsonEncoder.Instance);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(keys);
        // One database — one connection pool — for every store of the process. RecutServer registers the one it already
        // opened (and the key store on it); a host that did not gets them on demand.
        services.TryAddSingleton<SqlProvider>(_ => SqlProvider.Open(options.ResolvedDb));
        services.TryAddSingleton<IApiKeyStore>(sp => new SqlApiKeyStore(sp.GetRequiredService<SqlProvider>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ManagedKeyLookup>();
        services.AddSingleton<CallerIdentity>();
        services.AddSingleton<PerKeyRateLimits>();
        services.AddSingleton<AuthenticatedCaller>();
        services.AddSingleton<CreateTaskHandler>();
        services.AddSingleton<TaskRendering>();
        services.AddSingleton<EventStreamSlots>();
        services.AddSingleton<ResultLinks>();
        services.AddSingleton<RecutMetrics>();
        services.AddSingleton<TaskWakeup>();
        services.AddSingleton(_ => new ResultUrlSigner(SigningSecret.Resolve(options)));
        // Same secret (every API process has it), its own derived key: see UploadPolicySigner.
        services.AddSingleton(_ => new UploadPolicySigner(SigningSecret.Resolve(options)));
        if (options.S3.Enabled)
        {
            services.AddSingleton(_ => new S3Bucket(options.S3));
            services.AddSingleton<IResultStore>(sp => new S3ResultStore(sp.GetRequiredService<S3Bucket>()));
        }
        else
        {
            services.AddSingleton<IResultStore>(_ => new LocalResultStore(Path.Combine(options.DataDirectory, "results")));
        }
        // RecutServer.BuildAsync applies the store's migrations before anything else touches it.
        services.AddSingleton<ITaskStore>(sp => new SqlTaskStore(sp.GetRequiredService<SqlProvider>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMediaFetcher>(_ => new HttpMediaFetcher(new FetchOptions
        {
            AllowPrivateAddresses = options.AllowPrivateFetch,
            TotalTimeout = TimeSpan.FromSeconds(options.FetchTimeoutSeconds),
        }));
        services.AddRecutEngines(options);
        services.AddHostedService<RetentionSweeper>();
        // The outbox lives in the task database (its migrations, applied with the task store's, make the tables).
        services.AddSingleton<IWebhookStore>(sp => new WebhookStore(sp.GetRequiredService<SqlProvider>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WebhookWakeup>();
        services.AddSingleton<WebhookRetryPolicy>();
        services.AddSingleton<WebhookPayload>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddRecutUploads(options);
        return services;
    }

    public static IServiceCollection AddRecutWorkers(this IServiceCollection services, RecutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<TaskExecutor>();
        for (var i = 0; i < options.Workers; i++)
        {
            var index = i;
            services.AddSingleton<IHostedService>(sp => new TaskWorker(index,
                sp.GetRequiredService<ITaskStore>(), sp.GetRequiredService<TaskExecutor>(), sp.GetRequiredService<TaskWakeup>(),
                sp.GetRequiredService<IOptions<RecutOptions>>(), sp.GetRequiredService<ILogger<TaskWorker>>()));
        }
        return services;
    }
}
