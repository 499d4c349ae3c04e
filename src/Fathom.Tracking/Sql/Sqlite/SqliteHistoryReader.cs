using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Steps a metric_blocks query on one of <see cref="SqliteHistoryConnections"/>'s native connections (no per-call
/// mutex, no ADO.NET reader) and hands each row's min_step and points blob to a visitor without copying the blob.
/// A get-history page of 25,000 points is ~25 blocks from log-batch or ~400 from one-point log-metric calls, so the
/// per-row cost is small next to decoding the points.
/// </summary>
internal static class SqliteHistoryReader
{
    /// <summary>One block row: its first step and its points (valid only during the call); false stops the read.</summary>
    public delegate bool BlockVisitor(long minStep, ReadOnlySpan<byte> points);

    /// <summary>
    /// Binds <paramref name="args"/> to <c>@p0, @p1, ...</c> of <paramref name="statement"/> (prepared on
    /// <paramref name="db"/>, selecting min_step and points in that column order) and visits each row until
    /// <paramref name="visit"/> returns false or the rows end.
    /// </summary>
    public static void ForEachBlock(sqlite3 db, sqlite3_stmt statement, object?[] args, BlockVisitor visit)
    {
        try
        {
            Bind(statement, db, args);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (!visit(raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_blob(statement, 1)))
                {
                    return;
                }
            }

            SqliteNative.CheckDone(rc, db);
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
                _ => throw new ArgumentException($"history parameter @p{i} has an unsupported type {args[i]?.GetType().Name ?? "null"}"),
            }, db);
        }
    }
}
