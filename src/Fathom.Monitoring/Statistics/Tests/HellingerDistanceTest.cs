using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "hellinger". Categorical: sqrt(1 - Σ sqrt(p_i·q_i)) over category shares. Numerical: Evidently does not
/// use its usual binning here: edges are the Sturges rule over the distinct values of both samples (not the values
/// themselves), both histograms are densities, and Σ sqrt(h1·h2)·w uses w = (max - min) / bins. One consequence kept
/// for compatibility: when both samples hold one and the same value, w = 0 and the distance is 1.
/// </summary>
internal sealed class HellingerDistanceTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var distinct = ValueCodes.DistinctSorted(reference, current);
        double min = distinct[0], max = distinct[^1];
        var edges = HistogramEdges.Sturges(min, max, distinct.Length);
        var h1 = Density(HistogramEdges.Counts(reference, edges), edges);
        var h2 = Density(HistogramEdges.Counts(current, edges), edges);
        var width = (max - min) / h1.Length;
        var overlap = 0.0;
        for (var i = 0; i < h1.Length; i++)
        {
            overlap += Math.Sqrt(h1[i] * h2[i]) * width;
        }
        return Of(overlap);
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount)
    {
        var r = CategoryCounts.Count(reference, categoryCount);
        var c = CategoryCounts.Count(current, categoryCount);
        var overlap = 0.0;
        for (var i = 0; i < categoryCount; i++)
        {
            overlap += Math.Sqrt((double)r[i] / reference.Length * ((double)c[i] / current.Length));
        }
        return Of(overlap);
    }

    private static TestOutcome Of(double overlap)
    {
        var distance = Math.Sqrt(1 - Math.Clamp(overlap, 0, 1));
        return new TestOutcome(distance, distance);
    }

    /// <summary>np.histogram(density=True): count / (total · bin width), with the widths from the actual edges.</summary>
    private static double[] Density(long[] counts, double[] edges)
    {
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }
        var density = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            density[i] = counts[i] / (edges[i + 1] - edges[i]) / total;
        }
        return density;
    }
}
