using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Steps one prepared statement once per metric row on the session's own connection, inside its open transaction,
/// binding by index through SQLitePCL. Microsoft.Data.Sqlite's per-execution cost (command state, parameter lookup by
/// name, boxing) was most of a log-batch's time; here a row costs the b-tree insert and a few native calls.
/// Parameters: ?1 key, ?2 value, ?3 timestamp, ?4 step, ?5 is_nan, ?6 run_uuid.
/// </summary>
internal static class SqliteRowStatement
{
    public static void Run(SqlSession session, string sql, string runId, IReadOnlyList<StoredMetric> rows)
    {
        var db = ((SqliteConnection)session.Connection).Handle!;
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            Check(raw.sqlite3_bind_text(statement, 6, runId), db);
            // Batches repeat a few keys many times: encode each key once.
            var encodedKeys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!encodedKeys.TryGetValue(row.Key, out var key))
                {
                    key = Encoding.UTF8.GetBytes(row.Key);
                    encodedKeys[row.Key] = key;
                }

                Check(raw.sqlite3_bind_text(statement, 1, key), db);
                Check(raw.sqlite3_bind_double(statement, 2, row.Value), db);
                Check(raw.sqlite3_bind_int64(statement, 3, row.Timestamp), db);
                Check(raw.sqlite3_bind_int64(statement, 4, row.Step), db);
                Check(raw.sqlite3_bind_int(statement, 5, row.IsNan ? 1 : 0), db);
                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE)
                {
                    Check(done, db);
                }

                raw.sqlite3_reset(statement);
            }
        }
    }

    private static void Check(int rc, sqlite3 db) => SqliteException.ThrowExceptionForRC(rc, db);
}
