namespace Fathom.Monitoring.Statistics.Internals;

/// <summary>
/// NumPy's histogram_bin_edges(bins="sturges") and histogram over explicit edges, reproduced exactly: equal-width edges
/// from np.linspace over [min, max] (widened by 0.5 each side when constant), bin i holding [e_i, e_i+1) and the last
/// bin also its right edge. Bins are found by arithmetic and then corrected against the actual edge values, so the
/// counts match NumPy's comparisons in one pass without sorting.
/// </summary>
internal static class HistogramEdges
{
    public static double[] Sturges(double min, double max, long count)
    {
        double first = min, last = max;
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }
        var width = (max - min) / (Math.Log2(count) + 1.0);
        var bins = width != 0 ? (int)Math.Ceiling((last - first) / width) : 1;
        return Linspace(first, last, bins + 1);
    }

    /// <summary>np.linspace(start, stop, num): start + i·step, with the last point set to stop exactly.</summary>
    public static double[] Linspace(double start, double stop, int num)
    {
        var edges = new double[num];
        var div = num - 1;
        var delta = stop - start;
        var step = delta / div;
        for (var i = 0; i < num; i++)
        {
            edges[i] = step == 0 ? i / (double)div * delta + start : i * step + start;
        }
        edges[num - 1] = stop;
        return edges;
    }

    /// <summary>Counts per bin; values outside [e_0, e_last] are not counted (as NumPy).</summary>
    public static long[] Counts(ReadOnlySpan<double> sample, double[] edges)
    {
        var bins = edges.Length - 1;
        var counts = new long[bins];
        double first = edges[0], last = edges[bins];
        var scale = bins / (last - first);
        foreach (var v in sample)
        {
            if (!(v >= first && v <= last))
            {
                continue;
            }
            var k = (int)((v - first) * scale);
            k = Math.Clamp(k, 0, bins - 1);
            while (k > 0 && v < edges[k])
            {
                k--;
            }
            while (k < bins - 1 && v >= edges[k + 1])
            {
                k++;
            }
            counts[k]++;
        }
        return counts;
    }

    public static (double Min, double Max) Range(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in a)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        foreach (var v in b)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return (min, max);
    }
}
