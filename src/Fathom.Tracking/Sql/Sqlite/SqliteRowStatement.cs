using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Steps one prepared statement once per latest_metrics row on the session's own connection, inside its open transaction,
/// binding by index through SQLitePCL. Microsoft.Data.Sqlite's per-execution cost (command state, parameter lookup by
/// name, boxing) was most of a log-batch's time; here a row costs the b-tree insert and a few native calls. The
/// statement stays prepared on the connection (<see cref="CommandCache.Native"/>).
/// </summary>
internal static class SqliteRowStatement
{
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
        SqliteNative.CheckDone(raw.sqlite3_step(statement), db);
        raw.sqlite3_reset(statement);
    }
}

/// <summary>SQLite result codes to Microsoft.Data.Sqlite's exception, as its own commands raise them.</summary>
internal static class SqliteNative
{
    public static void Check(int rc, sqlite3 db) => SqliteException.ThrowExceptionForRC(rc, db);

    /// <summary>A step that must have finished the statement (SQLITE_DONE); anything else throws.</summary>
    public static void CheckDone(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc, db);
        }
    }
}
