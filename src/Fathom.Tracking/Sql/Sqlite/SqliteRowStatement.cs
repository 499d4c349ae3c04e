using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Steps one prepared statement once per metric row on the session's own connection, inside its open transaction,
/// binding by index through SQLitePCL. Microsoft.Data.Sqlite's per-execution cost (command state, parameter lookup by
/// name, boxing) was most of a log-batch's time; here a row costs the b-tree insert and a few native calls. The
/// statement stays prepared on the connection (<see cref="CommandCache.Native"/>).
/// </summary>
internal static class SqliteRowStatement
{
    /// <summary>
    /// metric_history rows, <see cref="HistoryChunkRows"/> to a statement (then 10, then 1): one VALUES list per
    /// statement keeps SQLite's cursor open across its rows and pays the step, reset and VDBE setup once per chunk
    /// instead of once per row. Parameters: ?1 run_id, then per row key_id, step, timestamp, value, is_nan.
    /// </summary>
    public static void RunHistory(SqlSession session, long runKey, HistoryRow[] rows)
    {
        var db = ((SqliteConnection)session.Connection).Handle!;
        var index = 0;
        foreach (var size in HistoryChunkSizes)
        {
            if (rows.Length - index < size)
            {
                continue;
            }

            var statement = session.NativeStatement(HistoryInsert(size));
            try
            {
                SqliteNative.Check(raw.sqlite3_bind_int64(statement, 1, runKey), db);
                for (; rows.Length - index >= size; index += size)
                {
                    for (var i = 0; i < size; i++)
                    {
                        var row = rows[index + i];
                        var p = 2 + (i * 5);
                        SqliteNative.Check(raw.sqlite3_bind_int64(statement, p, row.KeyId), db);
                        SqliteNative.Check(raw.sqlite3_bind_int64(statement, p + 1, row.Step), db);
                        SqliteNative.Check(raw.sqlite3_bind_int64(statement, p + 2, row.Timestamp), db);
                        SqliteNative.Check(raw.sqlite3_bind_double(statement, p + 3, row.Value), db);
                        SqliteNative.Check(raw.sqlite3_bind_int(statement, p + 4, row.IsNan ? 1 : 0), db);
                    }

                    Step(statement, db);
                }
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }
    }

    private const int HistoryChunkRows = 100;
    private static readonly int[] HistoryChunkSizes = [HistoryChunkRows, 10, 1];
    private static readonly string[] HistoryInserts = new string[HistoryChunkRows + 1];

    private static string HistoryInsert(int rows)
    {
        return HistoryInserts[rows] ??= Build();

        string Build()
        {
            var sql = new System.Text.StringBuilder("INSERT INTO metric_history (run_id, key_id, step, timestamp, value, is_nan) VALUES ");
            for (var i = 0; i < rows; i++)
            {
                var p = 2 + (i * 5);
                sql.Append(i == 0 ? "" : ", ").Append($"(?1, ?{p}, ?{p + 1}, ?{p + 2}, ?{p + 3}, ?{p + 4})");
            }

            return sql.Append(" ON CONFLICT DO NOTHING").ToString();
        }
    }

    /// <summary>latest_metrics rows. Parameters: ?1 key, ?2 value, ?3 timestamp, ?4 step, ?5 is_nan, ?6 run_uuid.</summary>
    public static void Run(SqlSession session, string sql, string runId, IReadOnlyList<StoredMetric> rows)
    {
        var db = ((SqliteConnection)session.Connection).Handle!;
        var statement = session.NativeStatement(sql);
        try
        {
            SqliteNative.Check(raw.sqlite3_bind_text(statement, 6, runId), db);
            foreach (var row in rows)
            {
                SqliteNative.Check(raw.sqlite3_bind_text(statement, 1, row.Key), db);
                SqliteNative.Check(raw.sqlite3_bind_double(statement, 2, row.Value), db);
                SqliteNative.Check(raw.sqlite3_bind_int64(statement, 3, row.Timestamp), db);
                SqliteNative.Check(raw.sqlite3_bind_int64(statement, 4, row.Step), db);
                SqliteNative.Check(raw.sqlite3_bind_int(statement, 5, row.IsNan ? 1 : 0), db);
                Step(statement, db);
            }
        }
        finally
        {
            // A failed step leaves the statement mid-run; the next batch must find it reset.
            raw.sqlite3_reset(statement);
        }
    }

    private static void Step(sqlite3_stmt statement, sqlite3 db)
    {
        var done = raw.sqlite3_step(statement);
        if (done != raw.SQLITE_DONE)
        {
            SqliteNative.Check(done, db);
        }

        raw.sqlite3_reset(statement);
    }
}

/// <summary>SQLite result codes to Microsoft.Data.Sqlite's exception, as its own commands raise them.</summary>
internal static class SqliteNative
{
    public static void Check(int rc, sqlite3 db) => SqliteException.ThrowExceptionForRC(rc, db);
}
