using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "fisher_exact": scipy.stats.fisher_exact (two-sided) on the 2x2 table [current; reference] x [first
/// category, other]; the statistic is SciPy's sample odds ratio. The p-value sums the hypergeometric probabilities of
/// all tables no more likely than the observed one (relative slack 1e-14, as SciPy). Evidently also requires both
/// samples to have the same size; Fathom does not (the test is valid for any sizes).
/// </summary>
internal sealed class FisherExactTest : IDriftStatistic
{
    private const double RelativeSlack = 1e-14;

    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        throw new InvalidOperationException("fisher_exact is categorical only.");

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount)
    {
        var (r, c) = CategoryCounts.CountPresent(reference, current, categoryCount);
        if (r.Length > 2)
        {
            throw FathomException.InvalidParameter(
                $"Drift test 'fisher_exact' needs a binary column; this one has {r.Length} categories.");
        }
        long c00 = c[0], c01 = current.Length - c[0], c10 = r[0], c11 = reference.Length - r[0];
        if (c00 + c10 == 0 || c01 + c11 == 0)
        {
            return new TestOutcome(double.NaN, 1.0);
        }
        var oddsRatio = c10 > 0 && c01 > 0 ? (double)(c00 * c11) / (c10 * c01) : double.PositiveInfinity;
        return new TestOutcome(oddsRatio, TwoSidedPValue(c00, c00 + c01, c10 + c11, c00 + c10));
    }

    /// <summary>
    /// Hypergeometric probabilities of x (first cell) with row sizes n1, n2 and first-column total n, built from the
    /// mode outward by ratios so no factorials are needed; tables with probability at most p(observed)·(1 + 1e-14).
    /// </summary>
    private static double TwoSidedPValue(long observed, long n1, long n2, long n)
    {
        var low = Math.Max(0, n - n2);
        var high = Math.Min(n, n1);
        var weights = new double[high - low + 1];
        var mode = Math.Clamp((long)((double)(n + 1) * (n1 + 1) / (n1 + n2 + 2)), low, high);
        weights[mode - low] = 1.0;
        for (var x = mode; x < high; x++)
        {
            weights[x + 1 - low] = weights[x - low] * ((double)(n1 - x) * (n - x)) / ((double)(x + 1) * (n2 - n + x + 1));
        }
        for (var x = mode; x > low; x--)
        {
            weights[x - 1 - low] = weights[x - low] * ((double)x * (n2 - n + x)) / ((double)(n1 - x + 1) * (n - x + 1));
        }
        double total = 0, tail = 0;
        var limit = weights[observed - low] * (1 + RelativeSlack);
        foreach (var w in weights)
        {
            total += w;
        }
        foreach (var w in weights)
        {
            if (w <= limit)
            {
                tail += w;
            }
        }
        return Math.Min(tail / total, 1.0);
    }
}
