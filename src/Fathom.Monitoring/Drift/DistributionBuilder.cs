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

    private static long[] Count(ReadOnlySpan<double> values, double min, double max, int bins)
    {
        var counts = new long[bins];
        var width = (max - min) / bins;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            var bin = width == 0 ? 0 : (int)((v - min) / width);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }
        return counts;
    }
}
