namespace Fathom.Monitoring.TargetDrift;

/// <summary>Pearson, Spearman (Pearson of average ranks, as scipy.stats.spearmanr) and Cramér's V; NaN where undefined (a constant side, fewer than 2 pairs).</summary>
internal static class Correlation
{
    /// <summary>The rows where both values are present.</summary>
    public static (double[] X, double[] Y) Pairs(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var keptX = new List<double>(x.Length);
        var keptY = new List<double>(x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            keptX.Add(x[i]);
            keptY.Add(y[i]);
        }
        return ([.. keptX], [.. keptY]);
    }

    public static double Pearson(double[] x, double[] y)
    {
        var n = x.Length;
        if (n < 2) return double.NaN;
        double meanX = 0, meanY = 0;
        for (var i = 0; i < n; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            double dx = x[i] - meanX, dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    public static double Spearman(double[] x, double[] y) => Pearson(AverageRanks(x), AverageRanks(y));

    internal static double[] AverageRanks(double[] values)
    {
        var n = values.Length;
        var keys = (double[])values.Clone();
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && keys[end + 1] == keys[start]) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>sqrt(χ² / n / min(r - 1, c - 1)) over the contingency table of the present pairs (χ² without continuity correction).</summary>
    public static double CramersV(string?[] a, string?[] b)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new Dictionary<(int, int), long>();
        long n = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] is not { } x || b[i] is not { } y) continue;
            if (!rows.TryGetValue(x, out var r)) rows.Add(x, r = rows.Count);
            if (!columns.TryGetValue(y, out var c)) columns.Add(y, c = columns.Count);
            cells[(r, c)] = cells.GetValueOrDefault((r, c)) + 1;
            n++;
        }
        var k = Math.Min(rows.Count - 1, columns.Count - 1);
        if (k <= 0) return double.NaN;
        var rowTotals = new long[rows.Count];
        var columnTotals = new long[columns.Count];
        foreach (var ((r, c), count) in cells)
        {
            rowTotals[r] += count;
            columnTotals[c] += count;
        }
        double chi2 = 0;
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
            {
                var expected = (double)rowTotals[r] * columnTotals[c] / n;
                var observed = cells.GetValueOrDefault((r, c));
                chi2 += (observed - expected) * (observed - expected) / expected;
            }
        return Math.Sqrt(chi2 / n / k);
    }
}
