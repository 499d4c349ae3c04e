using Fathom.Core.Tables;

namespace Fathom.Monitoring.Multivariate;

/// <summary>A seeded row sample of some columns of a table, rows kept in their original order.</summary>
internal static class RowSample
{
    /// <summary>
    /// The table itself when it has at most <paramref name="size"/> rows; else that many of its rows, of
    /// <paramref name="columns"/> only (a sample is a copy: other columns would only add garbage).
    /// </summary>
    public static DataTable Of(DataTable table, IReadOnlyList<string> columns, int size, int seed)
    {
        if (table.RowCount <= size) return table;
        var rows = DomainClassifier.Sample(table.RowCount, size, new Random(seed));
        return new DataTable(columns.Select(c => table[c].Take(rows)));
    }
}
