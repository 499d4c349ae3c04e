using Fathom.Tracking.Sql.Sqlite;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Sql;

/// <summary>
/// Writes a batch of metric rows set-based (prepared by <see cref="MetricBatch"/> before the transaction): the history
/// under the run's and keys' integer ids (duplicates ignored, as MLflow's primary key ignores them), then one
/// latest_metrics upsert per key (MLflow's newer-wins rule, applied by the upsert's WHERE). On PostgreSQL the history is
/// metric_history rows, each write one statement over unnest()ed arrays; on SQLite it is one metric_blocks row per key
/// (<see cref="SqliteBlockWriter"/>) and the upsert one prepared statement stepped per key through SQLitePCL.
/// </summary>
internal static class MetricRowWriter
{
    private const string LatestColumns = "key, value, timestamp, step, is_nan, run_uuid";
    private const string HistoryColumns = "run_id, key_id, step, timestamp, value, is_nan";

    private const string UpsertLatestTail =
        " ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, " +
        "step = excluded.step, is_nan = excluded.is_nan " +
        "WHERE excluded.step > latest_metrics.step " +
        "OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp) " +
        "OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp AND excluded.value > latest_metrics.value)";

    private const string SqliteLatest = $"INSERT INTO latest_metrics ({LatestColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6){UpsertLatestTail}";

    private const string PostgresHistory =
        $"INSERT INTO metric_history ({HistoryColumns}) SELECT @p0, k, s, t, v, n " +
        "FROM unnest(@p1::bigint[], @p2::bigint[], @p3::bigint[], @p4::float8[], @p5::boolean[]) AS u(k, s, t, v, n) ON CONFLICT DO NOTHING";
    private const string PostgresLatest =
        $"INSERT INTO latest_metrics ({LatestColumns}) SELECT k, v, t, s, n, @p0 " +
        $"FROM unnest(@p1::text[], @p2::float8[], @p3::bigint[], @p4::bigint[], @p5::boolean[]) AS u(k, v, t, s, n){UpsertLatestTail}";

    /// <summary>Writes <paramref name="history"/> (in primary-key order) and upserts <paramref name="latest"/> (in key order).</summary>
    public static async Task WriteAsync(SqlSession session, string runId, long runKey, HistoryRow[] history, IReadOnlyList<StoredMetric> latest)
    {
        if (session.Dialect == SqlDialect.Sqlite)
        {
            SqliteBlockWriter.Write(session, runKey, history);
            SqliteRowStatement.Run(session, SqliteLatest, runId, latest);
            return;
        }

        await session.ExecuteAsync(PostgresHistory, HistoryArrays(runKey, history)).ConfigureAwait(false);
        await session.ExecuteAsync(PostgresLatest, LatestArrays(runId, latest)).ConfigureAwait(false);
    }

    private static object?[] HistoryArrays(long runKey, HistoryRow[] rows)
    {
        var keys = new long[rows.Length];
        var steps = new long[rows.Length];
        var timestamps = new long[rows.Length];
        var values = new double[rows.Length];
        var nans = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            (keys[i], steps[i], timestamps[i], values[i], nans[i]) = rows[i];
        }

        return [runKey, new ListValue(keys), new ListValue(steps), new ListValue(timestamps), new ListValue(values), new ListValue(nans)];
    }

    private static object?[] LatestArrays(string runId, IReadOnlyList<StoredMetric> rows)
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

/// <summary>One history point of a batch under its key id, without its run id (the same for the whole batch).</summary>
internal readonly record struct HistoryRow(long KeyId, long Step, long Timestamp, double Value, bool IsNan) : IComparable<HistoryRow>
{
    /// <summary>Sorts one key's rows by the rest of the primary key, unless in order already (a training loop sends its steps in order).</summary>
    public static void SortIfNeeded(Span<HistoryRow> rows)
    {
        if (!IsSorted(rows))
        {
            rows.Sort();
        }
    }

    private static bool IsSorted(ReadOnlySpan<HistoryRow> rows)
    {
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i - 1].CompareTo(rows[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    // SQLite and PostgreSQL order REAL/float8 keys numerically with -inf lowest; NaN never reaches here (stored as 0).
    public int CompareTo(HistoryRow other)
    {
        var c = KeyId.CompareTo(other.KeyId);
        if (c == 0)
        {
            c = Step.CompareTo(other.Step);
        }

        if (c == 0)
        {
            c = Timestamp.CompareTo(other.Timestamp);
        }

        if (c == 0)
        {
            c = Value.CompareTo(other.Value);
        }

        return c != 0 ? c : IsNan.CompareTo(other.IsNan);
    }
}
