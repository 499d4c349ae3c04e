using System.Runtime.InteropServices;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Reads metric_history rows by stepping the connection's prepared statement through SQLitePCL. Through
/// Microsoft.Data.Sqlite's reader a row cost ~1.5 us (the engine's own scan ~0.4 us): a 25,000-point get-history page
/// took ~40 ms, most of issue 2's 100 ms budget for 100,000 points. The step and column calls of the row loop go to
/// the native library directly (<see cref="Native"/>): through SQLitePCL's provider each of the five calls per row
/// took a reference on the statement's SafeHandle and dispatched through an interface, ~11% of the server's CPU for a
/// 100,000-point read. The connection is one of <see cref="SqliteHistoryConnections"/> (no per-call mutex).
/// </summary>
internal static class SqliteHistoryReader
{
    /// <summary>
    /// Binds <paramref name="args"/> to <c>@p0, @p1, ...</c> of <paramref name="statement"/> (prepared on
    /// <paramref name="db"/>) and hands each row (value, timestamp, step, is_nan, in that column order) to
    /// <paramref name="row"/> until it returns false or the rows end.
    /// </summary>
    public static void ForEach(sqlite3 db, sqlite3_stmt statement, object?[] args, Func<double, long, long, bool, bool> row)
    {
        var referenced = false;
        try
        {
            Bind(statement, db, args);
            // The handle stays referenced for the whole loop, so the raw pointer below cannot be released under it.
            statement.DangerousAddRef(ref referenced);
            var handle = statement.DangerousGetHandle();
            int rc;
            while ((rc = Native.sqlite3_step(handle)) == raw.SQLITE_ROW)
            {
                var more = row(
                    Native.sqlite3_column_double(handle, 0),
                    Native.sqlite3_column_int64(handle, 1),
                    Native.sqlite3_column_int64(handle, 2),
                    Native.sqlite3_column_int(handle, 3) != 0);
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
            if (referenced)
            {
                statement.DangerousRelease();
            }

            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    /// <summary>
    /// The same library SQLitePCL's e_sqlite3 provider loads. The column getters only read the current row, so they
    /// skip the GC transition; sqlite3_step may read pages from disk and keeps it.
    /// </summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        [DllImport(Library)]
        public static extern int sqlite3_step(IntPtr statement);

        [DllImport(Library), SuppressGCTransition]
        public static extern double sqlite3_column_double(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern long sqlite3_column_int64(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_int(IntPtr statement, int column);
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
