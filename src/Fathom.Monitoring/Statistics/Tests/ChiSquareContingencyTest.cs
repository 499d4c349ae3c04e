using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Fathom's "chisquare_contingency": the textbook two-sample chi-square test of homogeneity,
/// scipy.stats.chi2_contingency on the 2 x k table of reference and current counts (Yates' correction when k = 2).
/// Unlike Evidently's "chisquare" it treats both samples as samples: a category absent from the reference does not
/// force p = 0.
/// </summary>
internal sealed class ChiSquareContingencyTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        throw new InvalidOperationException("chisquare_contingency is categorical only.");

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount)
    {
        var (r, c) = CategoryCounts.CountPresent(reference, current, categoryCount);
        var dof = r.Length - 1;
        if (dof == 0)
        {
            return new TestOutcome(0.0, 1.0);
        }
        double nr = reference.Length, nc = current.Length, total = nr + nc;
        var statistic = 0.0;
        for (var i = 0; i < r.Length; i++)
        {
            var column = (double)(r[i] + c[i]);
            statistic += Term(r[i], nr * column / total, dof) + Term(c[i], nc * column / total, dof);
        }
        return new TestOutcome(statistic, Distributions.ChiSquareSurvival(statistic, dof));
    }

    private static double Term(double observed, double expected, int dof)
    {
        if (dof == 1)
        {
            // Yates: move each count towards its expectation by at most 0.5.
            var diff = expected - observed;
            observed += Math.Sign(diff) * Math.Min(0.5, Math.Abs(diff));
        }
        var d = observed - expected;
        return d * d / expected;
    }
}
