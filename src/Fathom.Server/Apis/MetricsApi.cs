using Fathom.Server.Wire;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Apis;

/// <summary>MLflow's metric history endpoints: <c>{prefix}/mlflow/metrics/*</c>.</summary>
public static class MetricsApi
{
    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder api)
    {
        var metrics = api.MapGroup("/mlflow/metrics").WithTags("Metrics");
        metrics.MapGet("/get-history", GetMetricHistory).Produces<GetMetricHistoryResponse>();
        metrics.MapGet("/get-history-bulk-interval", GetMetricHistoryBulkInterval);
        return metrics;
    }

    /// <summary>Formats the page as the store reads it, then sends it (<see cref="MetricHistoryJson"/>).</summary>
    public static async Task GetMetricHistory(GetMetricHistoryRequest request, ITrackingStore store, HttpResponse response, CancellationToken ct)
    {
        var pageToken = string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken;
        using var json = new MetricHistoryJson(request.MetricKey!);
        var next = await store.ReadMetricHistoryAsync(request.RunId!, request.MetricKey!, request.MaxResults, pageToken, json, ct);
        await json.SendAsync(response, next, ct);
    }

    public static async Task<GetMetricHistoryBulkIntervalResponse> GetMetricHistoryBulkInterval(
        GetMetricHistoryBulkIntervalRequest request, ITrackingStore store, CancellationToken ct)
    {
        var metrics = await store.GetMetricHistoryBulkIntervalAsync(request.RunIds!, request.MetricKey!, request.StartStep,
            request.EndStep, request.MaxResults ?? GetMetricHistoryBulkIntervalRequest.MaxResultsPerRun, ct);
        return new GetMetricHistoryBulkIntervalResponse { Metrics = WireMapper.NullIfEmpty(metrics, m => m.ToWire()) };
    }
}
