using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Steps one prepared statement once per metric row on the session's own connection, inside its open transaction,
/// binding by index through SQLitePCL. Microsoft.Data.Sqlite's per-execution cost (command state, parameter lookup by
/// name, boxing) was most of a log-batch's time; here a row costs the b-tree insert and a few native calls. The
/// statement stays prepared on the connection (<see cref="CommandCache.Native"/>).
/// Parameters: ?1 key, ?2 value, ?3 timestamp, ?4 step, ?5 is_nan, ?6 run_uuid.
/// </summary>
internal static class SqliteRowStatement
{
    public static void Run(SqlSession session, string sql, string runId, IReadOnlyList<StoredMetric> rows)
    {
        var db = ((SqliteConnection)session.Connection).Handle!;
        var statement = session.NativeStatement(sql);
        try
        {
            SqliteNative.Check(raw.sqlite3_bind_text(statement, 6, runId), db);
            // Batches repeat a few keys many times: encode each key once.
            var encodedKeys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!encodedKeys.TryGetValue(row.Key, out var key))
                {
                    key = Encoding.UTF8.GetBytes(row.Key);
                    encodedKeys[row.Key] = key;
                }

                SqliteNative.Check(raw.sqlite3_bind_text(statement, 1, key), db);
                SqliteNative.Check(raw.sqlite3_bind_double(statement, 2, row.Value), db);
                SqliteNative.Check(raw.sqlite3_bind_int64(statement, 3, row.Timestamp), db);
                SqliteNative.Check(raw.sqlite3_bind_int64(statement, 4, row.Step), db);
                SqliteNative.Check(raw.sqlite3_bind_int(statement, 5, row.IsNan ? 1 : 0), db);
                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE)
                {
                    SqliteNative.Check(done, db);
                }

                raw.sqlite3_reset(statement);
            }
        }
        finally
        {
            // A failed step leaves the statement mid-run; the next batch must find it reset.
            raw.sqlite3_reset(statement);
        }
    }
}

/// <summary>SQLite result codes to Microsoft.Data.Sqlite's exception, as its own commands raise them.</summary>
internal static class SqliteNative
{
    public static void Check(int rc, sqlite3 db) => SqliteException.ThrowExceptionForRC(rc, db);
}
