using Fathom.Core.Tables;

namespace Fathom.Monitoring.Multivariate;

/// <summary>
/// The domain classifier's input: sampled rows of reference and current with every feature turned into small bin
/// numbers, column by column. Bin 0 is "missing"; numbers get up to <see cref="MaxBins"/> - 1 bins at quantiles of
/// the pooled sample (one per value when there are few); categories one bin each (the most frequent
/// <see cref="MaxBins"/> - 2, the rest share one), ordered by the tree at each split.
/// </summary>
internal sealed class BinnedFeatures
{
    public const int MaxBins = 64;

    private BinnedFeatures(string[] names, bool[] categorical, byte[][] bins, byte[] labels)
    {
        Names = names;
        IsCategorical = categorical;
        Bins = bins;
        Labels = labels;
    }

    public string[] Names { get; }

    public bool[] IsCategorical { get; }

    /// <summary>Bins[feature][row].</summary>
    public byte[][] Bins { get; }

    /// <summary>1 for a current row, 0 for a reference row.</summary>
    public byte[] Labels { get; }

    public int Rows => Labels.Length;

    public static BinnedFeatures Build(DataTable reference, DataTable current, IReadOnlyList<string> features, int[] referenceRows, int[] currentRows)
    {
        var labels = new byte[referenceRows.Length + currentRows.Length];
        labels.AsSpan(referenceRows.Length).Fill(1);
        var bins = ParallelColumns.Map(features.Count, f => Bin(reference[features[f]], current[features[f]], referenceRows, currentRows));
        return new BinnedFeatures([.. features], features.Select(f => reference[f] is CategoricalColumn).ToArray(), bins, labels);
    }

    private static byte[] Bin(Column reference, Column current, int[] referenceRows, int[] currentRows)
    {
        var bins = new byte[referenceRows.Length + currentRows.Length];
        if (reference is NumericColumn r && current is NumericColumn c)
        {
            var values = new double[bins.Length];
            for (var i = 0; i < referenceRows.Length; i++) values[i] = r.Values[referenceRows[i]];
            for (var i = 0; i < currentRows.Length; i++) values[referenceRows.Length + i] = c.Values[currentRows[i]];
            var edges = Edges(values);
            for (var i = 0; i < values.Length; i++)
                bins[i] = double.IsNaN(values[i]) ? (byte)0 : (byte)(1 + UpperBound(edges, values[i]));
            return bins;
        }
        var refCategories = (CategoricalColumn)reference;
        var curCategories = (CategoricalColumn)current;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in referenceRows) Count(counts, refCategories.Format(row));
        foreach (var row in currentRows) Count(counts, curCategories.Format(row));
        var bin = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, i) => (p.Key, Bin: (byte)Math.Min(i + 1, MaxBins - 1)))
            .ToDictionary(p => p.Key, p => p.Bin, StringComparer.Ordinal);
        for (var i = 0; i < referenceRows.Length; i++) bins[i] = refCategories.Format(referenceRows[i]) is { } v ? bin[v] : (byte)0;
        for (var i = 0; i < currentRows.Length; i++) bins[referenceRows.Length + i] = curCategories.Format(currentRows[i]) is { } v ? bin[v] : (byte)0;
        return bins;
    }

    private static void Count(Dictionary<string, int> counts, string? value)
    {
        if (value is not null) counts[value] = counts.GetValueOrDefault(value) + 1;
    }

    // Upper edges of the value bins: the distinct values when few, else quantiles of the present values.
    private static double[] Edges(double[] values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(present);
        var distinct = new List<double>();
        foreach (var v in present) if (distinct.Count == 0 || distinct[^1] != v) distinct.Add(v);
        if (distinct.Count <= MaxBins - 1) return [.. distinct];
        var edges = new List<double>();
        for (var b = 1; b < MaxBins - 1; b++)
        {
            var q = present[(int)((long)b * (present.Length - 1) / (MaxBins - 1))];
            if (edges.Count == 0 || edges[^1] < q) edges.Add(q);
        }
        edges.Add(double.PositiveInfinity);
        return [.. edges];
    }

    // The first edge >= value (values equal to an edge fall in that edge's bin).
    private static int UpperBound(double[] edges, double value)
    {
        int lo = 0, hi = edges.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
