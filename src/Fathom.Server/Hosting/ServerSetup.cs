using System.Net;
using Fathom.Server.Apis;
using Fathom.Server.Artifacts;
using Fathom.Server.Observability;
using Fathom.Server.Wire;
using Fathom.Tracking.Stores;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Fathom.Server.Hosting;

/// <summary>The server's table of contents: services, middleware pipeline, endpoint table.</summary>
internal static class ServerSetup
{
    /// <summary>MLflow serves every API under both prefixes; its web UI calls the second.</summary>
    public static readonly string[] ApiPrefixes = ["/api/2.0", "/ajax-api/2.0"];

    public static void AddFathomServices(this WebApplicationBuilder builder, FathomServerOptions options, ITrackingStore store)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host), options.Port);
            kestrel.AddServerHeader = false;
            // JSON endpoints enforce FathomServerOptions.MaxRequestBodyBytes themselves; artifact uploads stream
            // without a size limit.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        // Single-line console output; Logging__Console__FormatterName=json still switches to JSON lines.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(console => console.SingleLine = true);
        // The request log below replaces ASP.NET Core's two lines per request.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(_ => store);
        builder.Services.AddSingleton(_ => store.Registry());
        builder.Services.ConfigureHttpJsonOptions(json => MlflowJsonContext.Configure(json.SerializerOptions));
        builder.Services.AddArtifactRepository(options.ArtifactsDestination);
        builder.Services.AddHealthChecks().AddCheck<TrackingStoreHealthCheck>("tracking-store");
        builder.Services.AddOpenApi(openApi => openApi.AddOperationTransformer<MlflowOpenApiTransformer>());
    }

    public static void UseFathomPipeline(this WebApplication app, FathomServerOptions options)
    {
        if (options.RequestLogging)
        {
            app.UseMiddleware<RequestLoggingMiddleware>();
        }

        app.UseRouting();
        app.UseHttpMetrics();
        app.UseMiddleware<MlflowErrorMiddleware>();
        app.UseMiddleware<ArtifactPathGuardMiddleware>();
    }

    public static void MapFathomEndpoints(this WebApplication app)
    {
        foreach (var prefix in ApiPrefixes)
        {
            var api = app.MapGroup(prefix);
            api.MapExperimentsApi();
            api.MapRunsApi();
            api.MapMetricsApi();
            api.MapArtifactsApi();
            api.MapMultipartUploadApi();
            api.MapRegisteredModelsApi();
            api.MapModelVersionsApi();
            if (prefix != ApiPrefixes[0])
            {
                // The same handlers again: one description in the OpenAPI document is enough.
                api.ExcludeFromDescription();
            }

            app.MapUnknownEndpointFallback(prefix);
        }

        app.MapHealthApi();
        app.MapMetrics("/metrics");
        app.MapOpenApi();
    }
}
