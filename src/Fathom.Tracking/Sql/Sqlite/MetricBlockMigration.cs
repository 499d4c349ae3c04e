namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Schema version 8 on SQLite: carries metric_history's rows into metric_blocks in blocks of <see cref="BlockPoints"/>
/// points, each read by a seek past the previous block (so neither a large store nor one long history is ever held in
/// memory whole), then drops the `metrics` view and metric_history. Runs inside the migration's transaction: a crash
/// leaves version 7 intact.
/// </summary>
internal static class MetricBlockMigration
{
    public const int BlockPoints = 1000;

    private const string Columns = "SELECT step, timestamp, value, is_nan FROM metric_history WHERE run_id = @p0 AND key_id = @p1";
    private const string Order = " ORDER BY step, timestamp, value, is_nan LIMIT @p2";

    public static async Task RunAsync(SqlSession session)
    {
        var series = await session.ListAsync("SELECT DISTINCT run_id, key_id FROM metric_history ORDER BY run_id, key_id",
            r => (Run: r.GetInt64(0), Key: r.GetInt64(1))).ConfigureAwait(false);
        foreach (var (run, key) in series)
        {
            // metric_history's primary key keeps the points sorted and distinct, as a block must hold them.
            var block = await session.ListAsync(Columns + Order, Point, run, key, (long)BlockPoints).ConfigureAwait(false);
            while (block.Count > 0)
            {
                await session.ExecuteAsync(
                    "INSERT INTO metric_blocks (run_id, key_id, min_step, max_step, point_count, points) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
                    run, key, block[0].Step, block[^1].Step, (long)block.Count, MetricBlock.Encode([.. block])).ConfigureAwait(false);
                var last = block[^1];
                block = await session.ListAsync(Columns + " AND (step, timestamp, value, is_nan) > (@p3, @p4, @p5, @p6)" + Order, Point,
                    run, key, (long)BlockPoints, last.Step, last.Timestamp, last.Value, last.IsNan).ConfigureAwait(false);
            }
        }

        await session.ExecuteAsync("DROP VIEW metrics; DROP TABLE metric_history;").ConfigureAwait(false);
    }

    private static BlockPoint Point(System.Data.Common.DbDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetDouble(2), r.GetBoolean(3));
}
