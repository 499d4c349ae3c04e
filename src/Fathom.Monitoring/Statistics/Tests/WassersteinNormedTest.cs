using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "wasserstein": scipy.stats.wasserstein_distance (the area between the two empirical CDFs) divided by
/// the reference standard deviation (population std, floored at 0.001 so constant references do not divide by zero).
/// </summary>
internal sealed class WassersteinNormedTest : ISortedDriftStatistic
{
    private const double MinimumNorm = 0.001;

    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var a = RadixSort.Sort(reference);
        using var b = RadixSort.Sort(current);
        return Sorted(a.Values, b.Values);
    }

    public TestOutcome Sorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var norm = Math.Max(Math.Sqrt(Moments.Variance(reference)), MinimumNorm);
        var distance = Distance(reference, current) / norm;
        return new TestOutcome(distance, distance);
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("wasserstein is numerical only.");

    /// <summary>
    /// ∫|F_u - F_v| by walking the two sorted samples together. The CDF gap i/nu - j/nv is kept as the exact integer
    /// i·nv - j·nu and divided once at the end, so the walk has no division per step.
    /// </summary>
    internal static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int nu = u.Length, nv = v.Length;
        int i = 0, j = 0;
        var previous = Math.Min(u[0], v[0]);
        var total = 0.0;
        while (i < nu || j < nv)
        {
            var x = i < nu && (j >= nv || u[i] <= v[j]) ? u[i] : v[j];
            total += Math.Abs((long)i * nv - (long)j * nu) * (x - previous);
            while (i < nu && u[i] <= x)
            {
                i++;
            }
            while (j < nv && v[j] <= x)
            {
                j++;
            }
            previous = x;
        }
        return total / nu / nv;
    }
}
