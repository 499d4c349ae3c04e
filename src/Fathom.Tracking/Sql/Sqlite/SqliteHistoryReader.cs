using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Reads metric_history rows by stepping the connection's prepared statement through SQLitePCL. Through
/// Microsoft.Data.Sqlite's reader a row cost ~1.5 us (the engine's own scan ~0.4 us): a 25,000-point get-history page
/// took ~40 ms, most of issue 2's 100 ms budget for 100,000 points.
/// </summary>
internal static class SqliteHistoryReader
{
    /// <summary>
    /// Binds <paramref name="args"/> to <c>@p0, @p1, ...</c> and hands each row (value, timestamp, step, is_nan, in
    /// that column order) to <paramref name="row"/> until it returns false or the rows end.
    /// </summary>
    public static void ForEach(SqlSession session, string sql, object?[] args, Func<double, long, long, bool, bool> row)
    {
        var db = ((SqliteConnection)session.Connection).Handle!;
        var statement = session.NativeStatement(sql);
        try
        {
            Bind(statement, db, args);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var more = row(
                    raw.sqlite3_column_double(statement, 0),
                    raw.sqlite3_column_int64(statement, 1),
                    raw.sqlite3_column_int64(statement, 2),
                    raw.sqlite3_column_int(statement, 3) != 0);
                if (!more)
                {
                    return;
                }
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteNative.Check(rc, db);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    private static void Bind(sqlite3_stmt statement, sqlite3 db, object?[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            // Named parameters are numbered by first appearance, not by name: look each one up.
            var index = raw.sqlite3_bind_parameter_index(statement, "@p" + i);
            if (index == 0)
            {
                continue;
            }

            SqliteNative.Check(args[i] switch
            {
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                double real => raw.sqlite3_bind_double(statement, index, real),
                bool flag => raw.sqlite3_bind_int(statement, index, flag ? 1 : 0),
                _ => throw new ArgumentException($"history parameter @p{i} has an unsupported type {args[i]?.GetType().Name ?? "null"}"),
            }, db);
        }
    }
}
