namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Schema version 8 on SQLite: carries metric_history's rows into metric_blocks, one key of one run at a time (so a
/// large store is never held in memory whole), in blocks of <see cref="BlockPoints"/> points, then drops the
/// `metrics` view and metric_history. Runs inside the migration's transaction: a crash leaves version 7 intact.
/// </summary>
internal static class MetricBlockMigration
{
    public const int BlockPoints = 1000;

    public static async Task RunAsync(SqlSession session)
    {
        var series = await session.ListAsync("SELECT DISTINCT run_id, key_id FROM metric_history ORDER BY run_id, key_id",
            r => (Run: r.GetInt64(0), Key: r.GetInt64(1))).ConfigureAwait(false);
        foreach (var (run, key) in series)
        {
            // metric_history's primary key keeps the points sorted and distinct, as a block must hold them.
            var points = await session.ListAsync(
                "SELECT step, timestamp, value, is_nan FROM metric_history WHERE run_id = @p0 AND key_id = @p1 ORDER BY step, timestamp, value, is_nan",
                r => new BlockPoint(r.GetInt64(0), r.GetInt64(1), r.GetDouble(2), r.GetBoolean(3)), run, key).ConfigureAwait(false);
            for (var start = 0; start < points.Count; start += BlockPoints)
            {
                var block = points.GetRange(start, Math.Min(BlockPoints, points.Count - start));
                await session.ExecuteAsync(
                    "INSERT INTO metric_blocks (run_id, key_id, min_step, max_step, point_count, points) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
                    run, key, block[0].Step, block[^1].Step, (long)block.Count, MetricBlock.Encode([.. block])).ConfigureAwait(false);
            }
        }

        await session.ExecuteAsync("DROP VIEW metrics; DROP TABLE metric_history;").ConfigureAwait(false);
    }
}
