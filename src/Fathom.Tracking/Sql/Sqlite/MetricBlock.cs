using System.Buffers.Binary;

namespace Fathom.Tracking.Sql.Sqlite;

/// <summary>
/// One stored metric point of a block, in MLflow's history order (step, timestamp, value, is_nan). NaN is stored as
/// value 0 with <see cref="IsNan"/> set, so values compare numerically with -inf lowest, as SQLite's REAL keys did.
/// </summary>
internal readonly record struct BlockPoint(long Step, long Timestamp, double Value, bool IsNan) : IComparable<BlockPoint>
{
    public int CompareTo(BlockPoint other)
    {
        var c = Step.CompareTo(other.Step);
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

    public static BlockPoint From(HistoryRow row) => new(row.Step, row.Timestamp, row.Value, row.IsNan);

    public static BlockPoint From(HistoryPageToken token) => new(token.Step, token.Timestamp, token.Value, token.IsNan);
}

/// <summary>
/// The <c>points</c> blob of a <c>metric_blocks</c> row: one key's points of a run, sorted by <see cref="BlockPoint"/>
/// order without duplicates, as fixed-width little-endian records (step int64, timestamp int64, value float64 bits,
/// is_nan byte). Fixed width lets a reader find a block's first and last point and seek inside it without decoding.
/// </summary>
internal static class MetricBlock
{
    public const int PointSize = 25;

    public static int Count(ReadOnlySpan<byte> blob) => blob.Length / PointSize;

    public static BlockPoint Read(ReadOnlySpan<byte> blob, int index)
    {
        var at = blob.Slice(index * PointSize, PointSize);
        return new BlockPoint(
            BinaryPrimitives.ReadInt64LittleEndian(at),
            BinaryPrimitives.ReadInt64LittleEndian(at[8..]),
            BinaryPrimitives.ReadDoubleLittleEndian(at[16..]),
            at[24] != 0);
    }

    public static void Write(Span<byte> blob, int index, BlockPoint point)
    {
        var at = blob.Slice(index * PointSize, PointSize);
        BinaryPrimitives.WriteInt64LittleEndian(at, point.Step);
        BinaryPrimitives.WriteInt64LittleEndian(at[8..], point.Timestamp);
        BinaryPrimitives.WriteDoubleLittleEndian(at[16..], point.Value);
        at[24] = point.IsNan ? (byte)1 : (byte)0;
    }

    /// <summary>Encodes points that are sorted and distinct already.</summary>
    public static byte[] Encode(ReadOnlySpan<BlockPoint> points)
    {
        var blob = new byte[points.Length * PointSize];
        for (var i = 0; i < points.Length; i++)
        {
            Write(blob, i, points[i]);
        }

        return blob;
    }

    public static BlockPoint[] Decode(ReadOnlySpan<byte> blob)
    {
        var points = new BlockPoint[Count(blob)];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = Read(blob, i);
        }

        return points;
    }

    /// <summary>
    /// The sorted union of two sorted, distinct point lists, identical points once (MLflow's primary key keeps one).
    /// </summary>
    public static BlockPoint[] Merge(ReadOnlySpan<BlockPoint> a, ReadOnlySpan<BlockPoint> b)
    {
        var merged = new BlockPoint[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            var c = a[i].CompareTo(b[j]);
            merged[n++] = c <= 0 ? a[i] : b[j];
            i += c <= 0 ? 1 : 0;
            j += c >= 0 ? 1 : 0;
        }

        a[i..].CopyTo(merged.AsSpan(n));
        n += a.Length - i;
        b[j..].CopyTo(merged.AsSpan(n));
        n += b.Length - j;
        return n == merged.Length ? merged : merged[..n];
    }
}
