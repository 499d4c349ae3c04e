using System.Reflection;
using Fathom.Core.Errors;
using Fathom.Tracking.Stores;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fathom.Server.Apis;

/// <summary>
/// <c>GET /health</c> (answers "OK" as MLflow does, or 503 when the store does not answer) and <c>GET /version</c>.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteStatus }).WithTags("Health");
        app.MapGet("/version", GetVersion).WithTags("Health");
        return app;
    }

    public static string GetVersion() =>
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    private static Task WriteStatus(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "OK" : "Unhealthy");
    }
}

/// <summary>The store is healthy when it answers a read; an expected error (e.g. not found) is still an answer.</summary>
internal sealed class TrackingStoreHealthCheck(ITrackingStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetExperimentAsync("0", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (FathomException)
        {
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception stays in the server log; the response body does not carry it.
            return HealthCheckResult.Unhealthy("The tracking store does not answer.", e);
        }
    }
}
