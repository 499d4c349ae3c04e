using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Sql.Sqlite;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

internal sealed partial class SqlTrackingStore
{
    // MLflow's server limits: history pages of 25,000 points, bulk-interval at most 100 runs and 2,500 points per run.
    public const int MaxHistoryPage = 25000;
    public const int MaxBulkIntervalRuns = 100;
    public const int MaxBulkIntervalResultsPerRun = 2500;

    // PostgreSQL: a run's points of one key, in primary-key order; both ids are looked up by the database inside the query.
    private const string HistoryRange =
        "SELECT h.value, h.timestamp, h.step, h.is_nan FROM metric_history h " +
        "WHERE h.run_id = (SELECT id FROM metric_runs WHERE run_uuid = @p0) AND h.key_id = (SELECT id FROM metric_keys WHERE key = @p1)";

    private const string HistoryOrder = " ORDER BY h.step, h.timestamp, h.value, h.is_nan LIMIT @p2";

    /// <summary>
    /// One page of a metric's history in (step, timestamp, value) order. Without max_results a page is at most
    /// <see cref="MaxHistoryPage"/> points, so a long history is never loaded whole; the next page seeks past the
    /// last point of this one (<see cref="HistoryPageToken"/>). An unknown run has no history (MLflow returns an
    /// empty list too).
    /// </summary>
    public async Task<Page<Metric>> GetMetricHistoryAsync(string runId, string metricKey, int? maxResults, string? pageToken, CancellationToken ct = default)
    {
        var points = new MetricList(metricKey);
        var next = await ReadMetricHistoryAsync(runId, metricKey, maxResults, pageToken, points, ct).ConfigureAwait(false);
        return new Page<Metric>(points.Items, next);
    }

    public Task<string?> ReadMetricHistoryAsync(string runId, string metricKey, int? maxResults, string? pageToken, IMetricHistoryWriter writer, CancellationToken ct = default)
    {
        if (maxResults is < 1)
        {
            throw FathomException.InvalidParameter($"max_results must be a positive integer, but got {maxResults}");
        }

        var pageSize = Math.Min(maxResults ?? MaxHistoryPage, MaxHistoryPage);
        var after = HistoryPageToken.Parse(pageToken);
        var page = new HistoryPage(writer, pageSize);
        if (backend is SqliteBackend sqlite)
        {
            return sqlite.History.ReadAsync((db, statements) =>
            {
                SqliteBlockHistory.ReadPage(db, statements, runId, metricKey, after, pageSize, p => page.OnRow(p.Value, p.Timestamp, p.Step, p.IsNan));
                return page.NextPageToken;
            }, ct);
        }

        var sql = after is null ? HistoryRange + HistoryOrder : HistoryRange + " AND (h.step, h.timestamp, h.value, h.is_nan) > (@p3, @p4, @p5, @p6)" + HistoryOrder;
        object?[] args = after is { } a ? [runId, metricKey, (long)pageSize + 1, a.Step, a.Timestamp, a.Value, a.IsNan] : [runId, metricKey, (long)pageSize + 1];
        return Read(async session =>
        {
            await session.ForEachAsync(sql, r => page.OnRow(r.GetDouble(0), r.GetInt64(1), r.GetInt64(2), r.GetBoolean(3)), args).ConfigureAwait(false);
            return page.NextPageToken;
        }, ct);
    }

    /// <summary>Hands a page's rows to the writer; the one row past the page only says that there is a next page.</summary>
    private sealed class HistoryPage(IMetricHistoryWriter writer, int pageSize)
    {
        private int _count;
        private HistoryPageToken _last;

        public string? NextPageToken { get; private set; }

        public bool OnRow(double stored, long timestamp, long step, bool isNan)
        {
            if (_count == pageSize)
            {
                NextPageToken = _last.Encode();
                return false;
            }

            _last = new HistoryPageToken(step, timestamp, stored, isNan);
            writer.Write(isNan ? double.NaN : stored, timestamp, step);
            _count++;
            return true;
        }
    }

    private sealed class MetricList(string key) : IMetricHistoryWriter
    {
        public List<Metric> Items { get; } = [];

        public void Write(double value, long timestamp, long step) => Items.Add(new Metric(key, value, timestamp, step));
    }

    private const string BulkRuns =
        "FROM metric_history h JOIN metric_runs r ON r.id = h.run_id WHERE h.key_id = (SELECT id FROM metric_keys WHERE key = @p0)";

    /// <summary>
    /// MLflow's get-history-bulk-interval: sample up to <paramref name="maxResults"/> steps evenly from the steps any of
    /// the runs logged in [start, end], add each run's first and last step, and return every run's points at those steps.
    /// </summary>
    public Task<IReadOnlyList<MetricWithRunId>> GetMetricHistoryBulkIntervalAsync(
        IReadOnlyList<string> runIds, string metricKey, long? startStep, long? endStep, int maxResults, CancellationToken ct = default)
    {
        BulkInterval.Validate(runIds, startStep, endStep, maxResults, MaxBulkIntervalRuns, MaxBulkIntervalResultsPerRun);
        if (backend.Dialect == SqlDialect.Sqlite)
        {
            return Read(session => SqliteBlockHistory.BulkIntervalAsync(session, runIds, metricKey, startStep, endStep, maxResults, MaxHistoryPage), ct);
        }

        var ids = ListValue.Of(runIds);
        return Read<IReadOnlyList<MetricWithRunId>>(async session =>
        {
            var allSteps = await session.ListAsync(
                $"SELECT DISTINCT h.step {BulkRuns} AND {session.InList("r.run_uuid", "@p1")} ORDER BY h.step",
                r => Rows.Long(r, 0), metricKey, ids).ConfigureAwait(false);
            var minsAndMaxes = await session.ListAsync(
                $"SELECT MIN(h.step), MAX(h.step) {BulkRuns} AND {session.InList("r.run_uuid", "@p1")} GROUP BY h.run_id",
                r => (Min: Rows.Long(r, 0), Max: Rows.Long(r, 1)), metricKey, ids).ConfigureAwait(false);
            var steps = BulkInterval.SampleSteps(allSteps, minsAndMaxes, startStep, endStep, maxResults);
            if (steps.Length == 0)
            {
                return [];
            }

            var points = await session.ListAsync(
                $"SELECT r.run_uuid, h.value, h.timestamp, h.step, h.is_nan {BulkRuns} " +
                $"AND {session.InList("r.run_uuid", "@p1")} AND {session.InList("h.step", "@p2")} ORDER BY r.run_uuid, h.step, h.timestamp",
                r => (RunId: r.GetString(0), Metric: new Metric(metricKey, r.GetBoolean(4) ? double.NaN : r.GetDouble(1), r.GetInt64(2), r.GetInt64(3))),
                metricKey, ids, ListValue.Of(steps)).ConfigureAwait(false);
            var byRun = points.ToLookup(p => p.RunId, p => p.Metric);
            return
            [
                .. runIds.Distinct().SelectMany(id => byRun[id].Take(MaxHistoryPage)
                    .Select(m => new MetricWithRunId(id, m.Key, m.Value, m.Timestamp, m.Step))),
            ];
        }, ct);
    }
}
