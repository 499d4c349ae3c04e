using Fathom.Tracking.Sql.Sqlite;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Writes a batch of metric rows set-based: the history rows (duplicates ignored) and one latest_metrics upsert per
/// key (MLflow's newer-wins rule, applied by the upsert's WHERE). On PostgreSQL each is one statement over unnest()ed
/// arrays (one round trip per batch); on SQLite each is one prepared statement stepped per row through SQLitePCL
/// directly, which costs about a microsecond a row where a command execution through ADO.NET cost ~18.
/// </summary>
internal static class MetricRowWriter
{
    private const string Columns = "key, value, timestamp, step, is_nan, run_uuid";

    private const string UpsertLatestTail =
        " ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, " +
        "step = excluded.step, is_nan = excluded.is_nan " +
        "WHERE excluded.step > latest_metrics.step " +
        "OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp) " +
        "OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp AND excluded.value > latest_metrics.value)";

    private const string SqliteHistory = $"INSERT INTO metrics ({Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";
    private const string SqliteLatest = $"INSERT INTO latest_metrics ({Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6){UpsertLatestTail}";

    private const string PostgresRows =
        "SELECT k, v, t, s, n, @p0 FROM unnest(@p1::text[], @p2::float8[], @p3::bigint[], @p4::bigint[], @p5::boolean[]) AS u(k, v, t, s, n)";
    private const string PostgresHistory = $"INSERT INTO metrics ({Columns}) {PostgresRows} ON CONFLICT DO NOTHING";
    private const string PostgresLatest = $"INSERT INTO latest_metrics ({Columns}) {PostgresRows}{UpsertLatestTail}";

    public static async Task WriteAsync(SqlSession session, string runId, IReadOnlyList<StoredMetric> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var latest = StoredMetric.LatestPerKey(rows);
        if (session.Dialect == SqlDialect.Sqlite)
        {
            SqliteRowStatement.Run(session, SqliteHistory, runId, rows);
            SqliteRowStatement.Run(session, SqliteLatest, runId, latest);
            return;
        }

        await session.ExecuteAsync(PostgresHistory, Arrays(runId, rows)).ConfigureAwait(false);
        await session.ExecuteAsync(PostgresLatest, Arrays(runId, latest)).ConfigureAwait(false);
    }

    private static object?[] Arrays(string runId, IReadOnlyList<StoredMetric> rows)
    {
        var keys = new string[rows.Count];
        var values = new double[rows.Count];
        var timestamps = new long[rows.Count];
        var steps = new long[rows.Count];
        var nans = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            (keys[i], values[i], timestamps[i], steps[i], nans[i]) = rows[i];
        }

        return [runId, new ListValue(keys), new ListValue(values), new ListValue(timestamps), new ListValue(steps), new ListValue(nans)];
    }
}
