using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics.Internals;
using MathNet.Numerics;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "cramer_von_mises": the two-sample Cramér-von Mises T (Anderson 1962) from pooled mid-ranks. Evidently
/// ships its own copy of SciPy's test whose 'auto' takes the exact p-value only when both samples have at most 10
/// values (SciPy: 20); above that, the limiting distribution of the normalised statistic (Csörgő and Faraway).
/// Each sample needs at least two values, as in SciPy.
/// </summary>
internal sealed class CramerVonMisesTest : ISortedDriftStatistic
{
    private const int MaxExactSize = 10;

    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var sortedReference = RadixSort.Sort(reference);
        using var sortedCurrent = RadixSort.Sort(current);
        return Sorted(sortedReference.Values, sortedCurrent.Values);
    }

    public TestOutcome Sorted(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            throw FathomException.InvalidParameter(
                "Drift test 'cramer_von_mises' needs at least two values in each sample.");
        }
        var (ra, rb) = Ranks.Both(a, b);
        double nx = a.Length, ny = b.Length;
        double ux = 0, uy = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ux += (ra[i] - (i + 1)) * (ra[i] - (i + 1));
        }
        for (var j = 0; j < b.Length; j++)
        {
            uy += (rb[j] - (j + 1)) * (rb[j] - (j + 1));
        }
        var u = nx * ux + ny * uy;
        double k = nx * ny, n = nx + ny;
        var t = u / (k * n) - (4 * k - 1) / (6 * n);
        if (Math.Max(a.Length, b.Length) <= MaxExactSize)
        {
            return new TestOutcome(t, ExactSurvival(u, a.Length, b.Length));
        }
        var et = (1 + 1 / n) / 6;
        var vt = (n + 1) * (4 * k * n - 3 * (nx * nx + ny * ny) - 2 * k) / (45 * n * n * 4 * k);
        var tn = 1.0 / 6 + (t - et) / Math.Sqrt(45 * vt);
        var p = tn < 0.003 ? 1.0 : Math.Max(0, 1.0 - LimitingCdf(tn));
        return new TestOutcome(t, p);
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("cramer_von_mises is numerical only.");

    /// <summary>
    /// Share of the C(m+n, m) arrangements whose U is at least <paramref name="u"/>: the distribution of U over
    /// arrangements, built position by position (the x taking position p as its a-th member adds m·(p - a)²).
    /// </summary>
    private static double ExactSurvival(double u, int m, int n)
    {
        var layers = new Dictionary<long, double>[m + 1];
        for (var a = 0; a <= m; a++)
        {
            layers[a] = [];
        }
        layers[0][0] = 1.0;
        for (var position = 0; position < m + n; position++)
        {
            var next = new Dictionary<long, double>[m + 1];
            for (var a = 0; a <= m; a++)
            {
                next[a] = [];
            }
            for (var a = 0; a <= Math.Min(m, position); a++)
            {
                var y = position - a;
                foreach (var (value, count) in layers[a])
                {
                    if (a < m)
                    {
                        Add(next[a + 1], value + (long)m * (position - a) * (position - a), count);
                    }
                    if (y < n)
                    {
                        Add(next[a], value + (long)n * (position - y) * (position - y), count);
                    }
                }
            }
            layers = next;
        }
        double total = 0, tail = 0;
        foreach (var (value, count) in layers[m])
        {
            total += count;
            if (value >= u)
            {
                tail += count;
            }
        }
        return tail / total;
    }

    private static void Add(Dictionary<long, double> counts, long value, double count) =>
        counts[value] = counts.GetValueOrDefault(value) + count;

    /// <summary>CDF of the limiting Cramér-von Mises distribution, summing terms until they fall below 1e-7 (SciPy).</summary>
    private static double LimitingCdf(double x)
    {
        var total = 0.0;
        for (var k = 0; ; k++)
        {
            var u = Math.Exp(SpecialFunctions.GammaLn(k + 0.5) - SpecialFunctions.GammaLn(k + 1))
                / (Math.Pow(Math.PI, 1.5) * Math.Sqrt(x));
            double y = 4 * k + 1;
            var q = y * y / (16 * x);
            var term = u * Math.Sqrt(y) * Math.Exp(-q) * SpecialFunctions.BesselK(0.25, q);
            total += term;
            if (Math.Abs(term) < 1e-7)
            {
                return total;
            }
        }
    }
}
