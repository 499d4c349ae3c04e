using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>Evidently's "ed": scipy.stats.energy_distance, sqrt(2·∫(F_u - F_v)²) from one walk of the sorted samples.</summary>
internal sealed class EnergyDistanceTest : ISortedDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var a = RadixSort.Sort(reference);
        using var b = RadixSort.Sort(current);
        return Sorted(a.Values, b.Values);
    }

    public TestOutcome Sorted(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int nu = u.Length, nv = v.Length;
        int i = 0, j = 0;
        var previous = Math.Min(u[0], v[0]);
        var total = 0.0;
        while (i < nu || j < nv)
        {
            var x = i < nu && (j >= nv || u[i] <= v[j]) ? u[i] : v[j];
            var gap = (double)i / nu - (double)j / nv;
            total += gap * gap * (x - previous);
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
        var distance = Math.Sqrt(2) * Math.Sqrt(total);
        return new TestOutcome(distance, distance);
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("ed is numerical only.");
}
