using System.Buffers;
using Fathom.Core.Tables;

namespace Fathom.Monitoring.Quality;

/// <summary>Duplicated rows and duplicated columns, found by hashing column by column and confirming matches exactly.</summary>
internal static class Duplicates
{
    /// <summary>Rows equal to an earlier row in every column (pandas' <c>duplicated().sum()</c>).</summary>
    public static long CountDuplicatedRows(DataTable table)
    {
        var hashes = new ulong[table.RowCount];
        foreach (var column in table.Columns) MixColumn(hashes, column);
        // Equal rows have equal hashes: when no hash repeats (the usual case) no row is duplicated, and a sort of the
        // hashes (sequential passes) settles that far faster than a million-entry dictionary.
        return HasRepeatedHash(hashes) ? CountExactly(table, hashes) : 0;
    }

    private static bool HasRepeatedHash(ulong[] hashes)
    {
        var sorted = ArrayPool<ulong>.Shared.Rent(Math.Max(1, hashes.Length));
        try
        {
            var span = sorted.AsSpan(0, hashes.Length);
            hashes.CopyTo(span);
            RadixSort.SortInPlace(span);
            for (var i = 1; i < span.Length; i++) if (span[i] == span[i - 1]) return true;
            return false;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(sorted);
        }
    }

    private static long CountExactly(DataTable table, ulong[] hashes)
    {
        var first = new Dictionary<ulong, int>(hashes.Length);
        long duplicated = 0;
        for (var row = 0; row < hashes.Length; row++)
        {
            if (!first.TryAdd(hashes[row], row) && RowsEqual(table, first[hashes[row]], row)) duplicated++;
        }
        return duplicated;
    }

    /// <summary>Groups of two or more columns with identical values (compared as text for categories), in table order.</summary>
    public static List<string[]> FindDuplicatedColumns(DataTable table)
    {
        var groups = new List<List<Column>>();
        // Columns are grouped by a hash of a few thousand sampled cells, so only candidates are compared in full.
        foreach (var group in table.Columns.GroupBy(SampleHash))
        {
            var open = new List<List<Column>>();
            foreach (var column in group)
            {
                var match = open.FirstOrDefault(g => ColumnsEqual(g[0], column));
                if (match is null) open.Add([column]); else match.Add(column);
            }
            groups.AddRange(open.Where(g => g.Count > 1));
        }
        return groups.Select(g => g.Select(c => c.Name).ToArray()).ToList();
    }

    // One typed loop per column: a per-cell type switch would cost more than the hashing itself.
    private static void MixColumn(ulong[] hashes, Column column)
    {
        switch (column)
        {
            case NumericColumn n:
                var values = n.Values;
                for (var row = 0; row < hashes.Length; row++) hashes[row] = Mix(hashes[row], NumberBits(values[row]));
                break;
            case CategoricalColumn c:
                var codes = c.Codes;
                for (var row = 0; row < hashes.Length; row++) hashes[row] = Mix(hashes[row], (ulong)codes[row]);
                break;
            case TimestampColumn t:
                var ticks = t.Ticks;
                for (var row = 0; row < hashes.Length; row++) hashes[row] = Mix(hashes[row], (ulong)ticks[row]);
                break;
        }
    }

    // All NaNs are one value and -0.0 equals 0.0, as pandas compares them.
    private static ulong NumberBits(double value) =>
        double.IsNaN(value) ? 0x7FF8_0000_0000_0000UL : (ulong)BitConverter.DoubleToInt64Bits(value + 0.0);

    private static ulong CellBits(Column column, int row) => column switch
    {
        NumericColumn n => NumberBits(n.Values[row]),
        CategoricalColumn c => (ulong)c.Codes[row],
        TimestampColumn t => (ulong)t.Ticks[row],
        _ => 0,
    };

    private const int SampledCells = 4096;

    // Kind, missing count and evenly spaced cells: identical columns always agree, different ones almost never do.
    private static ulong SampleHash(Column column)
    {
        var step = Math.Max(1, column.Length / SampledCells);
        var hash = Mix((ulong)column.Kind, (ulong)column.MissingCount);
        if (column is CategoricalColumn categorical)
        {
            // Categories compare as text: two columns with different dictionaries can hold the same values.
            for (var row = 0; row < column.Length; row += step)
                hash = Mix(hash, categorical.Codes[row] < 0 ? ulong.MaxValue : (ulong)(uint)string.GetHashCode(categorical.Categories[categorical.Codes[row]]));
            return hash;
        }
        for (var row = 0; row < column.Length; row += step) hash = Mix(hash, CellBits(column, row));
        return hash;
    }

    private static bool RowsEqual(DataTable table, int a, int b)
    {
        foreach (var column in table.Columns)
            if (CellBits(column, a) != CellBits(column, b)) return false;
        return true;
    }

    private static bool ColumnsEqual(Column a, Column b)
    {
        if (a.Kind != b.Kind) return false;
        for (var row = 0; row < a.Length; row++)
        {
            var equal = a is CategoricalColumn ? a.Format(row) == b.Format(row) : CellBits(a, row) == CellBits(b, row);
            if (!equal) return false;
        }
        return true;
    }

    // splitmix64-style mixing: cheap, and good enough that a false match is confirmed away by the exact comparison.
    private static ulong Mix(ulong hash, ulong value)
    {
        var x = hash ^ (value + 0x9E37_79B9_7F4A_7C15UL + (hash << 6) + (hash >> 2));
        x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return x ^ (x >> 31);
    }
}
