using Fathom.Tracking.Entities;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// get-history and get-history-bulk-interval over SQLite's <c>metric_blocks</c> (docs/tracking-stores.md, "Metric
/// history"): both read a key's blocks of a run and merge their points into MLflow's order, identical points once.
/// </summary>
internal static class SqliteBlockHistory
{
    // The index (run_id, key_id, min_step, max_step) yields the blocks in min_step order and filters on max_step
    // without touching the table; blocks wholly before the page token are skipped.
    private const string PageBlocks =
        "SELECT b.min_step, b.points FROM metric_blocks b " +
        "WHERE b.run_id = (SELECT id FROM metric_runs WHERE run_uuid = @p0) AND b.key_id = (SELECT id FROM metric_keys WHERE key = @p1) " +
        "AND b.max_step >= @p2 ORDER BY b.min_step";

    /// <summary>Hands the page's points after <paramref name="after"/> in order to <paramref name="point"/> until it returns false.</summary>
    public static void ReadPage(sqlite3 db, CommandCache statements, string runId, string key, HistoryPageToken? after, int pageSize, Func<BlockPoint, bool> point)
    {
        var merger = new BlockPageMerger(after, pageSize);
        SqliteHistoryReader.ForEachBlock(db, statements.Native(db, PageBlocks), [runId, key, after?.Step ?? long.MinValue], merger.Add);
        foreach (var p in merger.Finish())
        {
            if (!point(p))
            {
                return;
            }
        }
    }

    private const string RunBlocks =
        "SELECT r.run_uuid, b.points FROM metric_blocks b JOIN metric_runs r ON r.id = b.run_id " +
        "WHERE b.key_id = (SELECT id FROM metric_keys WHERE key = @p0) AND r.run_uuid IN (SELECT value FROM json_each(@p1))";

    /// <summary>
    /// MLflow's bulk-interval sampling (<see cref="BulkInterval"/>) over blocks: a first pass collects the distinct
    /// steps and each run's first and last step, a second keeps the points at the sampled steps, from the blocks that
    /// reach them. At most <paramref name="maxPerRun"/> points per run, in (step, timestamp, value) order.
    /// </summary>
    public static async Task<IReadOnlyList<MetricWithRunId>> BulkIntervalAsync(
        SqlSession session, IReadOnlyList<string> runIds, string key, long? startStep, long? endStep, int maxResults, int maxPerRun)
    {
        var ids = ListValue.Of(runIds);
        var allSteps = new HashSet<long>();
        var ranges = new Dictionary<string, (long Min, long Max)>(StringComparer.Ordinal);
        await session.ForEachAsync(RunBlocks, r =>
        {
            var points = MetricBlock.Decode((byte[])r.GetValue(1));
            foreach (var p in points)
            {
                allSteps.Add(p.Step);
            }

            var run = r.GetString(0);
            ranges[run] = ranges.TryGetValue(run, out var range)
                ? (Math.Min(range.Min, points[0].Step), Math.Max(range.Max, points[^1].Step))
                : (points[0].Step, points[^1].Step);
            return true;
        }, key, ids).ConfigureAwait(false);

        var sorted = allSteps.ToArray();
        Array.Sort(sorted);
        var steps = BulkInterval.SampleSteps(sorted, ranges.Values, startStep, endStep, maxResults);
        if (steps.Length == 0)
        {
            return [];
        }

        var wanted = steps.ToHashSet();
        var byRun = new Dictionary<string, List<BlockPoint>>(StringComparer.Ordinal);
        await session.ForEachAsync(RunBlocks + " AND b.max_step >= @p2 AND b.min_step <= @p3", r =>
        {
            var run = r.GetString(0);
            foreach (var p in MetricBlock.Decode((byte[])r.GetValue(1)))
            {
                if (wanted.Contains(p.Step))
                {
                    (byRun.TryGetValue(run, out var list) ? list : byRun[run] = []).Add(p);
                }
            }

            return true;
        }, key, ids, steps[0], steps[^1]).ConfigureAwait(false);

        var result = new List<MetricWithRunId>();
        foreach (var run in runIds.Distinct())
        {
            if (byRun.TryGetValue(run, out var points))
            {
                points.Sort();
                result.AddRange(points.Distinct().Take(maxPerRun)
                    .Select(p => new MetricWithRunId(run, key, p.IsNan ? double.NaN : p.Value, p.Timestamp, p.Step)));
            }
        }

        return result;
    }
}
