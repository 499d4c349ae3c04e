using Fathom.Server.Wire;
using Fathom.Tracking.Stores;

namespace Fathom.Server.Apis;

/// <summary>MLflow's metric history endpoints: <c>{prefix}/mlflow/metrics/*</c>.</summary>
public static class MetricsApi
{
    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder api)
    {
        var metrics = api.MapGroup("/mlflow/metrics").WithTags("Metrics");
        metrics.MapGet("/get-history", GetMetricHistory);
        metrics.MapGet("/get-history-bulk-interval", GetMetricHistoryBulkInterval);
        return metrics;
    }

    public static async Task<GetMetricHistoryResponse> GetMetricHistory(GetMetricHistoryRequest request, ITrackingStore store, CancellationToken ct)
    {
        var pageToken = string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken;
        var page = await store.GetMetricHistoryAsync(request.RunId!, request.MetricKey!, request.MaxResults, pageToken, ct);
        return new GetMetricHistoryResponse
        {
            Metrics = WireMapper.NullIfEmpty(page.Items, m => m.ToWire()),
            NextPageToken = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken,
        };
    }

    public static async Task<GetMetricHistoryBulkIntervalResponse> GetMetricHistoryBulkInterval(
        GetMetricHistoryBulkIntervalRequest request, ITrackingStore store, CancellationToken ct)
    {
        var metrics = await store.GetMetricHistoryBulkIntervalAsync(request.RunIds!, request.MetricKey!, request.StartStep,
            request.EndStep, request.MaxResults ?? GetMetricHistoryBulkIntervalRequest.MaxResultsPerRun, ct);
        return new GetMetricHistoryBulkIntervalResponse { Metrics = WireMapper.NullIfEmpty(metrics, m => m.ToWire()) };
    }
}
