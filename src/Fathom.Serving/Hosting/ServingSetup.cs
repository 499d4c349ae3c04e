using System.Net;
using Fathom.Serving.Apis;
using Fathom.Serving.Models;
using Fathom.Serving.Observability;
using Fathom.Serving.PredictionLog;
using Fathom.Serving.Scoring;
using Fathom.Tracking.Artifacts;
using Microsoft.Extensions.Logging.Console;
using Prometheus;

namespace Fathom.Serving.Hosting;

/// <summary>The model server's table of contents: services, middleware, endpoints.</summary>
internal static class ServingSetup
{
    public static void AddServingServices(this WebApplicationBuilder builder, ServingOptions options, IModelSource source)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host), options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        // Graceful shutdown: Kestrel stops accepting, in-flight requests finish, then the prediction log flushes.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Hosting starts an Activity and a logging scope for every request whenever its logger is enabled at any level
        // (it only logs request starts and ends, at Information): a good share of a single-row request's CPU.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(source);
        builder.Services.AddSingleton<ServingMetrics>();
        builder.Services.AddSingleton<ModelSlot>();
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ModelHost>());
        if (options.PredictionLogEnabled)
        {
            builder.Services.AddSingleton(s => new PredictionLogQueue(options.PredictionLogQueueRows, options.PredictionLogSampleRate,
                rows => s.GetRequiredService<ServingMetrics>().PredictionLogDropped.Inc(rows)));
            builder.Services.AddSingleton(_ => ArtifactRepositoryFactory.Create(options.PredictionLogDestination));
            builder.Services.AddHostedService<PredictionLogWriter>();
        }
        builder.Services.AddSingleton(s => new Scorer(s.GetRequiredService<ServingMetrics>(), s.GetService<PredictionLogQueue>(),
            s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<Scorer>>()));
    }

    public static void UseServingPipeline(this WebApplication app)
    {
        app.UseMiddleware<ServingErrorMiddleware>();
        app.UseRouting();
        // No timeout middleware: it armed a timer per request; the scoring endpoints time their body reads (RequestBody).
    }

    public static void MapServingEndpoints(this WebApplication app)
    {
        app.MapInvocationsApi();
        app.MapHealthApi();
        app.MapOpenInferenceApi();
        app.MapOpenApiDocument();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<ServingMetrics>().Registry);
    }
}
