using System.Globalization;
using System.Runtime.CompilerServices;
using Fathom.Client.Http;

namespace Fathom.Client;

public sealed partial class FathomClient
{
    /// <summary>Gets one page of a metric's full history.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="metricKey">The metric.</param>
    /// <param name="maxResults">Page size; null lets the server decide.</param>
    /// <param name="pageToken">Token from the previous page.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>One page of observations and the next page's token.</returns>
    public async Task<ResultPage<Metric>> GetMetricHistoryAsync(string runId, string metricKey, int? maxResults = null,
        string? pageToken = null, CancellationToken ct = default)
    {
        var response = await _transport.GetJsonAsync<MetricHistoryResponse>(Api + "metrics/get-history",
            [("run_id", runId), ("metric_key", metricKey), ("max_results", Text(maxResults)), ("page_token", NullIfEmpty(pageToken))], ct);
        return new ResultPage<Metric>(response.Metrics ?? [], NullIfEmpty(response.NextPageToken));
    }

    /// <summary>Yields a metric's whole history, page by page.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="metricKey">The metric.</param>
    /// <param name="pageSize">Observations per request.</param>
    /// <param name="ct">Cancels the enumeration.</param>
    /// <returns>Every observation of the metric.</returns>
    public async IAsyncEnumerable<Metric> GetAllMetricHistoryAsync(string runId, string metricKey, int pageSize = 25_000,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? token = null;
        do
        {
            var page = await GetMetricHistoryAsync(runId, metricKey, pageSize, token, ct);
            foreach (var metric in page.Items)
                yield return metric;
            token = page.NextPageToken;
        } while (token is not null);
    }

    /// <summary>Gets a sampled history of one metric over several runs (for charts).</summary>
    /// <param name="runIds">The runs (MLflow allows up to 100).</param>
    /// <param name="metricKey">The metric.</param>
    /// <param name="startStep">First step to include.</param>
    /// <param name="endStep">Last step to include.</param>
    /// <param name="maxResults">Most points per run.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The sampled observations.</returns>
    public async Task<IReadOnlyList<MetricWithRunId>> GetMetricHistoryBulkIntervalAsync(IReadOnlyList<string> runIds,
        string metricKey, long? startStep = null, long? endStep = null, int? maxResults = null, CancellationToken ct = default)
    {
        var query = runIds.Select(id => ("run_ids", (string?)id)).Concat(
            [("metric_key", metricKey), ("start_step", Text(startStep)), ("end_step", Text(endStep)), ("max_results", Text(maxResults))]);
        var response = await _transport.GetJsonAsync<MetricBulkResponse>(Api + "metrics/get-history-bulk-interval", query, ct);
        return response.Metrics ?? [];
    }

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
