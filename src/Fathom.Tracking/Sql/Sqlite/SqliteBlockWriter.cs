using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// Writes a batch's metric history as <c>metric_blocks</c> rows: one row per key of the batch instead of one per
/// point, so a 1000-metric log-batch of 10 keys is 10 inserts. A small write (a log-metric call, a short batch) goes
/// into the key's block its first step falls into while that stays within <see cref="SmallBlockPoints"/>, so logging
/// one point per request leaves blocks of up to 64 points rather than one block per point. Identical points are stored once within a block;
/// across blocks get-history drops them on read (<see cref="BlockPageMerger"/>), as MLflow's primary key ignores them.
/// </summary>
internal static class SqliteBlockWriter
{
    // 64 points are 1,600 bytes: a growing block stays inside one 4 KiB page and is cheap to rewrite per request.
    public const int SmallBlockPoints = 64;

    private const string Insert =
        "INSERT INTO metric_blocks (run_id, key_id, min_step, max_step, point_count, points) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    // The block a write's first point falls into by step: the one starting last at or before it (among equal starts
    // the newest, by the index's rowid order). Not simply the key's newest block: two writers logging far-apart steps
    // of one key would then share blocks that span both ranges, and every page would have to read all of them.
    private const string Home =
        "SELECT id, point_count, points FROM metric_blocks WHERE run_id = ?1 AND key_id = ?2 AND min_step <= ?3 " +
        "ORDER BY min_step DESC, max_step DESC LIMIT 1";

    private const string Update =
        "UPDATE metric_blocks SET min_step = ?2, max_step = ?3, point_count = ?4, points = ?5 WHERE id = ?1";

    /// <summary>Writes <paramref name="rows"/> (grouped by key id, each key's rows sorted).</summary>
    public static void Write(SqlSession session, long runKey, HistoryRow[] rows)
    {
        var db = ((SqliteConnection)session.Connection).Handle!;
        for (var start = 0; start < rows.Length;)
        {
            var end = start + 1;
            while (end < rows.Length && rows[end].KeyId == rows[start].KeyId)
            {
                end++;
            }

            var points = Distinct(rows.AsSpan(start, end - start));
            if (points.Length >= SmallBlockPoints || !TryGrowHome(session, db, runKey, rows[start].KeyId, points))
            {
                Store(session, db, Insert, [runKey, rows[start].KeyId], points);
            }

            start = end;
        }
    }

    private static bool TryGrowHome(SqlSession session, sqlite3 db, long runKey, long keyId, BlockPoint[] points)
    {
        var statement = session.NativeStatement(Home);
        long id;
        BlockPoint[] home;
        try
        {
            SqliteNative.Check(raw.sqlite3_bind_int64(statement, 1, runKey), db);
            SqliteNative.Check(raw.sqlite3_bind_int64(statement, 2, keyId), db);
            SqliteNative.Check(raw.sqlite3_bind_int64(statement, 3, points[0].Step), db);
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_ROW)
            {
                SqliteNative.CheckDone(rc, db);
                return false;
            }

            if (raw.sqlite3_column_int64(statement, 1) + points.Length > SmallBlockPoints)
            {
                return false;
            }

            id = raw.sqlite3_column_int64(statement, 0);
            home = MetricBlock.Decode(raw.sqlite3_column_blob(statement, 2));
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }

        Store(session, db, Update, [id], MetricBlock.Merge(home, points));
        return true;
    }

    /// <summary>Binds <paramref name="ids"/> first, then the block's min_step, max_step, point_count and points, and steps once.</summary>
    private static void Store(SqlSession session, sqlite3 db, string sql, long[] ids, BlockPoint[] points)
    {
        var statement = session.NativeStatement(sql);
        try
        {
            var p = 1;
            foreach (var id in ids)
            {
                SqliteNative.Check(raw.sqlite3_bind_int64(statement, p++, id), db);
            }

            SqliteNative.Check(raw.sqlite3_bind_int64(statement, p++, points[0].Step), db);
            SqliteNative.Check(raw.sqlite3_bind_int64(statement, p++, points[^1].Step), db);
            SqliteNative.Check(raw.sqlite3_bind_int64(statement, p++, points.Length), db);
            SqliteNative.Check(raw.sqlite3_bind_blob(statement, p, MetricBlock.Encode(points)), db);
            SqliteNative.CheckDone(raw.sqlite3_step(statement), db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private static BlockPoint[] Distinct(ReadOnlySpan<HistoryRow> sorted)
    {
        var points = new BlockPoint[sorted.Length];
        var n = 0;
        foreach (var row in sorted)
        {
            var point = BlockPoint.From(row);
            if (n == 0 || points[n - 1] != point)
            {
                points[n++] = point;
            }
        }

        return n == points.Length ? points : points[..n];
    }
}
