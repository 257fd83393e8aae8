using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Recut.Engines;
using Recut.Engines.DashScope;
using Recut.Media.Fetching;
using Recut.Server.Configuration;
using Recut.Server.Hosting.Relay;
using Recut.Tasks.Relay;
using Recut.Tasks.Sql;

namespace Recut.Server.Hosting;

/// <summary>
/// The DashScope relay engine and what it shares across workers: the key pool (whose state health reports), and the
/// upstream task records and per-key create gates in the task database (shared by every process on it; no shared folder).
/// </summary>
public static class DashScopeRegistration
{
    public static IServiceCollection AddDashScopeRelay(this IServiceCollection services, RecutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var relay = options.DashScope;
        var keys = relay.ResolveKeys();
        if (string.Equals(options.Engine, DashScopeEditEngine.EngineName, StringComparison.OrdinalIgnoreCase) && keys.Count == 0)
        {
            throw new InvalidOperationException(
                "Engine 'dashscope' needs at least one upstream key: set Recut__DashScope__ApiKeys=key1,key2 or DASHSCOPE_API_KEY.");
        }
        services.AddSingleton(relay);
        services.AddSingleton(sp => new DashScopeKeyPool(keys, relay, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IUpstreamTaskJournal>(sp => new DatabaseUpstreamJournal(
            new SqlRelayStateStore(sp.GetRequiredService<SqlProvider>(), sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<ICreateGate>(sp => new DatabaseCreateGate(new CreateGate(
            new SqlCreateGateLeases(sp.GetRequiredService<SqlProvider>(), sp.GetRequiredService<TimeProvider>()),
            TimeSpan.FromSeconds(relay.CreateGateLeaseSeconds), sp.GetRequiredService<TimeProvider>())));
        // Earlier releases kept the records as files in <data>/upstream: moved into the database once, before any worker runs.
        services.AddHostedService(sp => new FileJournalImport(Path.Combine(options.DataDirectory, "upstream"),
            sp.GetRequiredService<IUpstreamTaskJournal>(), sp.GetRequiredService<ILogger<FileJournalImport>>()));
        services.AddSingleton<IEditEngine>(sp => new DashScopeEditEngine(relay, sp.GetRequiredService<DashScopeKeyPool>(),
            sp.GetRequiredService<IUpstreamTaskJournal>(), sp.GetRequiredService<ICreateGate>(),
            // Timeouts are per exchange inside the engine, so the client itself never times out a long download.
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            ResultFetcher(options),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DashScopeEditEngine>>()));
        return services;
    }

    /// <summary>
    /// Upstream result links go through the same guarded fetcher as user URLs, limited to the configured result hosts;
    /// RECUT_ALLOW_PRIVATE_FETCH (tests with a loopback simulator) relaxes the address policy here exactly as for inputs.
    /// </summary>
    private static HttpMediaFetcher ResultFetcher(RecutOptions options) => new(new FetchOptions
    {
        AllowPrivateAddresses = options.AllowPrivateFetch,
        TotalTimeout = options.DashScope.TransferTimeout,
        MaxVideoBytes = options.DashScope.MaxResultBytes,
        AllowedHosts = new HostAllowList(options.DashScope.ResolveResultHosts()),
    });
}
