using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "ks": SciPy's two-sided ks_2samp with method='auto': the exact p-value when both samples have at most
/// 10,000 values, the distribution of D_n with n = round(m·n/(m+n)) otherwise. In exact mode D is rounded to the
/// lattice (h / lcm), as SciPy reports it.
/// </summary>
internal sealed class KolmogorovSmirnovTest : ISortedDriftStatistic
{
    private const int MaxExactSize = 10000;

    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var a = RadixSort.Sort(reference);
        using var b = RadixSort.Sort(current);
        return Sorted(a.Values, b.Values);
    }

    public TestOutcome Sorted(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var d = Statistic(a, b);
        return PValue(d, a.Length, b.Length);
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("ks is numerical only.");

    /// <summary>max |F_a - F_b| over the pooled values, evaluated after each distinct value (ties move together).</summary>
    internal static double Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n1 = a.Length, n2 = b.Length;
        int i = 0, j = 0;
        double maxPlus = 0, maxMinus = 0;
        while (i < n1 || j < n2)
        {
            var x = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
            while (i < n1 && a[i] <= x)
            {
                i++;
            }
            while (j < n2 && b[j] <= x)
            {
                j++;
            }
            var diff = (double)i / n1 - (double)j / n2;
            if (diff > maxPlus)
            {
                maxPlus = diff;
            }
            if (-diff > maxMinus)
            {
                maxMinus = -diff;
            }
        }
        return Math.Min(Math.Max(maxPlus, maxMinus), 1.0);
    }

    internal static TestOutcome PValue(double d, long n1, long n2)
    {
        var g = Gcd(n1, n2);
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var lcm = n1 / g * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            var dLattice = (double)h / lcm;
            if (h == 0)
            {
                return new TestOutcome(dLattice, 1.0);
            }
            var p = n1 == n2 ? SmirnovExact.OutsideSquare(n1, h) : SmirnovExact.OuterProbabilityInside(n1, n2, g, h);
            if (p is >= 0 and <= 1)
            {
                return new TestOutcome(dLattice, p);
            }
            d = dLattice;
        }
        var (m, n) = n1 >= n2 ? ((double)n1, (double)n2) : (n2, n1);
        var en = m * n / (m + n);
        var p2 = KolmogorovDistribution.Survival((long)Math.Round(en, MidpointRounding.ToEven), d);
        return new TestOutcome(d, KolmogorovDistribution.Clip(p2));
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}
