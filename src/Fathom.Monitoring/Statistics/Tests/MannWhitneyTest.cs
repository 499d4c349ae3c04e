using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// SciPy's mannwhitneyu (method="auto", continuity correction). Evidently 0.4's "mannw" is one-sided,
/// alternative="less" (reference stochastically smaller than current); "mannw_two_sided" is Fathom's textbook
/// variant. The statistic is U of the reference sample. The exact null distribution is used, as SciPy does, when a
/// sample has at most 8 values and there are no ties; otherwise the normal approximation with tie correction.
/// </summary>
internal sealed class MannWhitneyTest(bool twoSided) : ISortedDriftStatistic
{
    // The exact table costs O(n1²·n2²); beyond this SciPy would exhaust memory, and Fathom uses the approximation.
    private const double MaxExactWork = 1e8;

    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        using var sortedReference = RadixSort.Sort(reference);
        using var sortedCurrent = RadixSort.Sort(current);
        return Sorted(sortedReference.Values, sortedCurrent.Values);
    }

    public TestOutcome Sorted(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double n1 = a.Length, n2 = b.Length;
        var (rankSum, tieTerm, hasTies) = Ranks.RankSum(a, b);
        var u1 = rankSum - n1 * (n1 + 1) / 2;
        var u2 = n1 * n2 - u1;
        var u = twoSided ? Math.Max(u1, u2) : u2;
        var factor = twoSided ? 2.0 : 1.0;
        var exact = (n1 <= 8 || n2 <= 8) && !hasTies && n1 * n1 * n2 * n2 <= MaxExactWork;
        double p;
        if (exact)
        {
            p = ExactSurvival((long)u, a.Length, b.Length);
        }
        else
        {
            var n = n1 + n2;
            var s = Math.Sqrt(n1 * n2 / 12 * (n + 1 - tieTerm / (n * (n - 1))));
            var z = (u - n1 * n2 / 2 - 0.5) / s;
            p = Distributions.NormalSurvival(z);
        }
        return new TestOutcome(u1, Math.Clamp(p * factor, 0, 1));
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("Mann-Whitney is numerical only.");

    /// <summary>P(U &gt;= u) under the null: counts of U by the recursion f(i,j,k) = f(i-1,j,k-j) + f(i,j-1,k).</summary>
    private static double ExactSurvival(long u, int m, int n)
    {
        // counts[i] holds f(i, j, ·) for the current j.
        var counts = new double[m + 1][];
        for (var i = 0; i <= m; i++)
        {
            counts[i] = [1.0];
        }
        for (var j = 1; j <= n; j++)
        {
            var below = new double[] { 1.0 };
            for (var i = 1; i <= m; i++)
            {
                var next = new double[i * j + 1];
                var left = counts[i];
                for (var k = 0; k < next.Length; k++)
                {
                    var fromBelow = k - j >= 0 && k - j < below.Length ? below[k - j] : 0.0;
                    var fromLeft = k < left.Length ? left[k] : 0.0;
                    next[k] = fromBelow + fromLeft;
                }
                counts[i] = next;
                below = next;
            }
        }
        var distribution = counts[m];
        double total = 0, tail = 0;
        var limit = (long)m * n - u;
        for (var k = 0; k < distribution.Length; k++)
        {
            total += distribution[k];
            if (k <= limit)
            {
                tail += distribution[k];
            }
        }
        return tail / total;
    }
}
