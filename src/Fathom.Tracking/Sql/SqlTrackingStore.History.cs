using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

internal sealed partial class SqlTrackingStore
{
    // MLflow's server limits: history pages of 25,000 points, bulk-interval at most 100 runs and 2,500 points per run.
    public const int MaxHistoryPage = 25000;
    public const int MaxBulkIntervalRuns = 100;
    public const int MaxBulkIntervalResultsPerRun = 2500;

    /// <summary>
    /// One page of a metric's history in (step, timestamp) order. Without max_results a page is at most
    /// <see cref="MaxHistoryPage"/> points, so a long history is never loaded whole. An unknown run has no history
    /// (MLflow returns an empty list too).
    /// </summary>
    public Task<Page<Metric>> GetMetricHistoryAsync(string runId, string metricKey, int? maxResults, string? pageToken, CancellationToken ct = default)
    {
        if (maxResults is < 1)
        {
            throw FathomException.InvalidParameter($"max_results must be a positive integer, but got {maxResults}");
        }

        var pageSize = Math.Min(maxResults ?? MaxHistoryPage, MaxHistoryPage);
        var offset = PageToken.ParseOffset(pageToken);
        return Read(async session =>
        {
            // Every row has the key asked for: reuse that string, and read the numbers unboxed (a page is 25,000 rows).
            var (rows, next) = await PageAsync(session,
                "SELECT value, timestamp, step, is_nan FROM metrics WHERE run_uuid = @p0 AND key = @p1 " +
                "ORDER BY step, timestamp, value LIMIT @p2 OFFSET @p3",
                r => new Metric(metricKey, r.GetBoolean(3) ? double.NaN : r.GetDouble(0), r.GetInt64(1), r.GetInt64(2)),
                new Dictionary<string, object?>(), pageSize, offset,
                runId, metricKey, (long)pageSize + 1, offset).ConfigureAwait(false);
            return new Page<Metric>(rows, next);
        }, ct);
    }

    /// <summary>
    /// MLflow's get-history-bulk-interval: sample up to <paramref name="maxResults"/> steps evenly from the steps any of
    /// the runs logged in [start, end], add each run's first and last step, and return every run's points at those steps.
    /// </summary>
    public Task<IReadOnlyList<MetricWithRunId>> GetMetricHistoryBulkIntervalAsync(
        IReadOnlyList<string> runIds, string metricKey, long? startStep, long? endStep, int maxResults, CancellationToken ct = default)
    {
        BulkInterval.Validate(runIds, startStep, endStep, maxResults, MaxBulkIntervalRuns, MaxBulkIntervalResultsPerRun);
        var ids = ListValue.Of(runIds);
        return Read<IReadOnlyList<MetricWithRunId>>(async session =>
        {
            var allSteps = await session.ListAsync(
                $"SELECT DISTINCT step FROM metrics WHERE key = @p0 AND {session.InList("run_uuid", "@p1")} ORDER BY step",
                r => Rows.Long(r, 0), metricKey, ids).ConfigureAwait(false);
            var minsAndMaxes = await session.ListAsync(
                $"SELECT MIN(step), MAX(step) FROM metrics WHERE key = @p0 AND {session.InList("run_uuid", "@p1")} GROUP BY run_uuid",
                r => (Min: Rows.Long(r, 0), Max: Rows.Long(r, 1)), metricKey, ids).ConfigureAwait(false);
            var steps = BulkInterval.SampleSteps(allSteps, minsAndMaxes, startStep, endStep, maxResults);
            if (steps.Length == 0)
            {
                return [];
            }

            var points = await session.ListAsync(
                "SELECT run_uuid, key, value, timestamp, step, is_nan FROM metrics " +
                $"WHERE key = @p0 AND {session.InList("run_uuid", "@p1")} AND {session.InList("step", "@p2")} " +
                "ORDER BY run_uuid, step, timestamp",
                r => (RunId: r.GetString(0), Metric: Rows.Metric(r, 1)), metricKey, ids, ListValue.Of(steps)).ConfigureAwait(false);
            var byRun = points.ToLookup(p => p.RunId, p => p.Metric);
            return
            [
                .. runIds.Distinct().SelectMany(id => byRun[id].Take(MaxHistoryPage)
                    .Select(m => new MetricWithRunId(id, m.Key, m.Value, m.Timestamp, m.Step))),
            ];
        }, ct);
    }
}
