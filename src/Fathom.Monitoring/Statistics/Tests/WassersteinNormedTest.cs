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
    /// ∫|F_u - F_v| by walking the two sorted samples together, one value at a time (a tie adds a zero-width step, so
    /// the sum is the same as stepping over distinct values, with no inner loops for the branch predictor to miss).
    /// The CDF gap i/nu - j/nv is kept as the exact integer i·nv - j·nu and divided once at the end.
    /// </summary>
    internal static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int nu = u.Length, nv = v.Length;
        int i = 0, j = 0;
        var previous = Math.Min(u[0], v[0]);
        var total = 0.0;
        while (i < nu && j < nv)
        {
            double a = u[i], b = v[j];
            var takeU = a <= b;
            var x = takeU ? a : b;
            total += Math.Abs((long)i * nv - (long)j * nu) * (x - previous);
            previous = x;
            i += takeU ? 1 : 0;
            j += takeU ? 0 : 1;
        }
        for (; i < nu; i++)
        {
            total += Math.Abs((long)i * nv - (long)j * nu) * (u[i] - previous);
            previous = u[i];
        }
        for (; j < nv; j++)
        {
            total += Math.Abs((long)i * nv - (long)j * nu) * (v[j] - previous);
            previous = v[j];
        }
        return total / nu / nv;
    }
}
