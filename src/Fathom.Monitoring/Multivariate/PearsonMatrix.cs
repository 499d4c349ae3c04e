using Fathom.Core.Tables;

namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// Pearson correlations between numerical columns, as pandas' <c>DataFrame.corr()</c>: each pair over the rows
/// where both are present; NaN when a column is constant there. Columns without missing values go through one
/// blocked, vectorized pass of centered cross-products; pairs involving a column with missing values are computed
/// pair by pair. A caller that already summed the cross-products of the complete columns (the PCA fit over the
/// reference) passes them as <c>known</c>, and the blocked pass is skipped.
/// </summary>
internal static class PearsonMatrix
{
    /// <summary>
    /// <paramref name="rows"/>, when given, restricts the pairs computed pair by pair to those rows (the sample the
    /// <paramref name="known"/> correlations were fitted on); every pair is then computed that way without them.
    /// </summary>
    public static double[,] Compute(DataTable table, IReadOnlyList<string> columns, Func<string, string, double>? known = null, int[]? rows = null)
    {
        var d = columns.Count;
        var numbers = columns.Select(c => (NumericColumn)table[c]).ToArray();
        var complete = numbers.Select(n => n.MissingCount == 0).ToArray();
        var full = Enumerable.Range(0, d).Where(i => complete[i]).ToArray();
        if (rows is not null && known is null) Array.Fill(complete, false);
        var cross = known is null && rows is null ? CenteredCrossProducts(numbers, numbers.Select(n => ChunkThreshold.Mean(n.Values)).ToArray(), full, table.RowCount) : [];
        var result = new double[d, d];
        for (var a = 0; a < d; a++)
        {
            result[a, a] = 1;
            for (var b = 0; b < a; b++)
            {
                double r;
                if (complete[a] && complete[b] && known is not null)
                {
                    r = known(columns[a], columns[b]);
                }
                else if (complete[a] && complete[b])
                {
                    int ia = Array.IndexOf(full, a), ib = Array.IndexOf(full, b), m = full.Length;
                    r = cross[ia * m + ib] / Math.Sqrt(cross[ia * m + ia] * cross[ib * m + ib]);
                }
                else
                {
                    r = Pairwise(numbers[a].Values, numbers[b].Values, rows);
                }
                result[a, b] = result[b, a] = double.IsFinite(r) ? Math.Clamp(r, -1, 1) : double.NaN;
            }
        }
        return result;
    }

    private static double[] CenteredCrossProducts(NumericColumn[] numbers, double[] means, int[] columns, int rows)
    {
        var m = columns.Length;
        var perBlock = new double[RowBlocks.Count(rows)][];
        RowBlocks.Run(rows, () => new double[m * RowBlocks.Size], (buffer, block, start, length) =>
        {
            var values = buffer.AsSpan(0, m * length);
            for (var j = 0; j < m; j++)
            {
                var source = numbers[columns[j]].Values.Slice(start, length);
                var target = values.Slice(j * length, length);
                for (var i = 0; i < length; i++) target[i] = source[i] - means[columns[j]];
            }
            var sums = new double[m * m];
            for (var i = 0; i < m; i++)
                for (var j = 0; j <= i; j++)
                    sums[i * m + j] = sums[j * m + i] = RowBlocks.Dot(values.Slice(i * length, length), values.Slice(j * length, length));
            perBlock[block] = sums;
        });
        var total = new double[m * m];
        foreach (var sums in perBlock)
            for (var k = 0; k < total.Length; k++) total[k] += sums[k];
        return total;
    }

    private static double Pairwise(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int[]? rows)
    {
        double sx = 0, sy = 0;
        var n = 0;
        var count = rows?.Length ?? x.Length;
        for (var k = 0; k < count; k++)
        {
            var i = rows is null ? k : rows[k];
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i])) { sx += x[i]; sy += y[i]; n++; }
        }
        if (n < 2) return double.NaN;
        double mx = sx / n, my = sy / n, xy = 0, xx = 0, yy = 0;
        for (var k = 0; k < count; k++)
        {
            var i = rows is null ? k : rows[k];
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            double dx = x[i] - mx, dy = y[i] - my;
            xy += dx * dy;
            xx += dx * dx;
            yy += dy * dy;
        }
        return xy / Math.Sqrt(xx * yy);
    }
}
