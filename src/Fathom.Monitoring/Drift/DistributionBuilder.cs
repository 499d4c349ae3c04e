namespace Fathom.Monitoring.Drift;

/// <summary>The aggregated bins reports draw: equal-width bins over both datasets' range, or the top categories.</summary>
internal static class DistributionBuilder
{
    public static Distribution Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int bins)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in reference) if (double.IsFinite(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
        foreach (var v in current) if (double.IsFinite(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
        if (min > max) return new Distribution([], null, [], []);
        if (min == max) bins = 1;
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++) edges[i] = i == bins ? max : min + (max - min) * i / bins;
        return new Distribution(edges, null, Count(reference, min, max, bins), Count(current, min, max, bins));
    }

    /// <summary>
    /// The same bins as <see cref="Numerical"/> from sorted samples: a value's bin only grows with the value, so each
    /// bin's count is where a binary search finds the next bin starting.
    /// </summary>
    public static Distribution NumericalSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int bins)
    {
        reference = Finite(reference);
        current = Finite(current);
        if (reference.IsEmpty && current.IsEmpty) return new Distribution([], null, [], []);
        var min = Math.Min(reference.IsEmpty ? double.PositiveInfinity : reference[0], current.IsEmpty ? double.PositiveInfinity : current[0]);
        var max = Math.Max(reference.IsEmpty ? double.NegativeInfinity : reference[^1], current.IsEmpty ? double.NegativeInfinity : current[^1]);
        if (min == max) bins = 1;
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++) edges[i] = i == bins ? max : min + (max - min) * i / bins;
        return new Distribution(edges, null, CountSorted(reference, min, max, bins), CountSorted(current, min, max, bins));
    }

    public static Distribution Categorical(SharedCodes codes, int top)
    {
        var n = codes.Categories.Count;
        var referenceCounts = new long[n];
        var currentCounts = new long[n];
        foreach (var c in codes.Reference) referenceCounts[c]++;
        foreach (var c in codes.Current) currentCounts[c]++;
        var order = Enumerable.Range(0, n)
            .OrderByDescending(i => referenceCounts[i] + currentCounts[i])
            .ThenBy(i => codes.Categories[i], StringComparer.Ordinal)
            .ToList();
        var shown = order.Take(top).ToList();
        var labels = shown.Select(i => codes.Categories[i]).ToList();
        var refShown = shown.Select(i => referenceCounts[i]).ToList();
        var curShown = shown.Select(i => currentCounts[i]).ToList();
        if (order.Count > top)
        {
            labels.Add($"other ({order.Count - top})");
            refShown.Add(order.Skip(top).Sum(i => referenceCounts[i]));
            curShown.Add(order.Skip(top).Sum(i => currentCounts[i]));
        }
        return new Distribution(null, labels, [.. refShown], [.. curShown]);
    }

    // Sorted values without the infinities at either end (NaN never reaches a sorted sample).
    private static ReadOnlySpan<double> Finite(ReadOnlySpan<double> sorted)
    {
        int start = 0, end = sorted.Length;
        while (start < end && double.IsNegativeInfinity(sorted[start])) start++;
        while (end > start && double.IsPositiveInfinity(sorted[end - 1])) end--;
        return sorted[start..end];
    }

    private static long[] CountSorted(ReadOnlySpan<double> sorted, double min, double max, int bins)
    {
        var counts = new long[bins];
        var width = (max - min) / bins;
        var start = 0;
        for (var b = 0; b < bins - 1; b++)
        {
            int lo = start, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Bin(sorted[mid], min, width, bins) <= b) lo = mid + 1; else hi = mid;
            }
            counts[b] = lo - start;
            start = lo;
        }
        counts[bins - 1] = sorted.Length - start;
        return counts;
    }

    private static int Bin(double value, double min, double width, int bins) =>
        Math.Clamp(width == 0 ? 0 : (int)((value - min) / width), 0, bins - 1);

    private static long[] Count(ReadOnlySpan<double> values, double min, double max, int bins)
    {
        var counts = new long[bins];
        var width = (max - min) / bins;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            counts[Bin(v, min, width, bins)]++;
        }
        return counts;
    }
}
