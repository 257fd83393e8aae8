using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Recut.Server.Configuration;
using Recut.Server.Endpoints;
using Recut.Server.Observability;
using Recut.Tasks.Keys;
using Scalar.AspNetCore;

namespace Recut.Server.Hosting;

/// <summary>Builds the ASP.NET Core host: API routes (role api/all), workers (role worker/all), operations routes.</summary>
public static class RecutServer
{
    public static Task<WebApplication> BuildAsync(RecutOptions options, IReadOnlyList<string> urls, Action<string>? announce = null, CancellationToken ct = default) =>
        BuildAsync(options, urls, announce, addLogging: null, ct);

    /// <param name="addLogging">Extra log providers after the console one (tests host the server in-process and keep its log).</param>
    public static async Task<WebApplication> BuildAsync(RecutOptions options, IReadOnlyList<string> urls, Action<string>? announce,
        Action<ILoggingBuilder>? addLogging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Settings and tools first: a bad setting or a missing ffmpeg is one clear message, not a failing request later.
        var tools = await StartupChecks.RunAsync(options, ct);
        // Every tenant's inputs and results live below it: no other account on the host may read them.
        Recut.Media.Storage.PrivateFolder.Create(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 120L * 1024 * 1024;
            // A body slower than this (after the grace period) ends in 408 RequestTimeout (BodyReadErrors), so a client
            // dripping bytes cannot hold a connection and a worker's upload slot indefinitely.
            k.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(
                Math.Max(1, options.MinBodyBytesPerSecond), TimeSpan.FromSeconds(Math.Max(1, options.BodyGraceSeconds)));
        });
        ConfigureLogging(builder.Logging);
        addLogging?.Invoke(builder.Logging);

        // Managed keys share the task database: migrate it now, so whether any key exists decides the dev key.
        var database = Recut.Tasks.Sql.SqlProvider.Open(options.ResolvedDb);
        var managedKeys = new SqlApiKeyStore(database, TimeProvider.System);
        await managedKeys.InitializeAsync(ct);
        var keys = ApiKeys.Resolve(options, await managedKeys.CountActiveAsync(ct), announce);
        builder.Services.AddSingleton(_ => database); // a factory registration: the container disposes it
        builder.Services.AddSingleton<IApiKeyStore>(_ => managedKeys);
        builder.Services.AddRecutCore(options, keys);
        if (options.RunsWorkers)
        {
            builder.Services.AddRecutWorkers(options);
        }
        builder.Services.AddRecutOpenApi();
        builder.Services.AddSingleton(tools);
        builder.Services.AddRecutHealthChecks();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(RecutMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());

        var app = builder.Build();
        await app.Services.GetRequiredService<Recut.Tasks.ITaskStore>().InitializeAsync(ct);
        app.Use((context, next) => RequestIds.AssignAsync(context, () => next(context)));
        HostHeaderFilter.Use(app, options, urls);
        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            // Never a bare 500 page: the same JSON error shape as everything else.
            await ApiResponses.WriteErrorAsync(context, new Protocol.Errors.ApiError(
                Protocol.Errors.ErrorCodes.InternalError, Protocol.Errors.ErrorMessages.InternalError));
        }));
        app.Use(BodyReadErrors.HandleAsync);
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted)
            {
                await ApiResponses.WriteErrorAsync(context, new Protocol.Errors.ApiError(Protocol.Errors.ErrorCodes.NotFound, $"No route for {context.Request.Method} {context.Request.Path}."));
            }
        });
        MapRoutes(app, options);
        return app;
    }

    private static void MapRoutes(WebApplication app, RecutOptions options)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", OpenApiDescription.ConfigureReference);
        if (options.RunsApi)
        {
            CreateTaskEndpoint.Map(app);
            QueryTaskEndpoints.Map(app);
            TaskEventsEndpoint.Map(app);
            CancelTaskEndpoint.Map(app);
            ListTasksEndpoint.Map(app);
            ResultEndpoint.Map(app);
            UploadEndpoint.Map(app);
            UploadPolicyEndpoint.Map(app);
            OssFormUploadEndpoint.Map(app);
            PlanPreviewEndpoint.Map(app);
            WebhookSettingsEndpoints.Map(app);
        }
        // After the API groups: the reference UI orders tag groups by first appearance and opens the first one.
        HealthEndpoints.Map(app);
        ConsolePages.Map(app);
    }

    internal static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (string.Equals(Environment.GetEnvironmentVariable("RECUT_LOG_FORMAT"), "json", StringComparison.OrdinalIgnoreCase))
        {
            // The formatter writes a "Timestamp" field only when given a format; log shippers need one on every line.
            // Messages carry users' prompts: raw UTF-8, as the API answers.
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = Recut.Protocol.Json.RawUtf8JsonEncoder.Instance };
            });
        }
        else
        {
            logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; o.IncludeScopes = false; });
        }
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }
}
