using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "chisquare": not a two-sample test but a goodness-of-fit test of the current counts against the
/// reference proportions scaled to the current size (scipy.stats.chisquare(f_obs=current, f_exp=reference·n_cur/n_ref)),
/// over the categories present in either sample. A category absent from the reference has expected count 0, so the
/// statistic is infinite and the p-value 0 (as in SciPy). A single category leaves no degree of freedom: SciPy returns
/// NaN; Fathom returns p = 1 (nothing can have drifted) and documents the difference.
/// </summary>
internal sealed class ChiSquareGoodnessOfFitTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        throw new InvalidOperationException("chisquare is categorical only.");

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount)
    {
        var (r, c) = CategoryCounts.CountPresent(reference, current, categoryCount);
        var scale = (double)current.Length / reference.Length;
        var statistic = 0.0;
        for (var i = 0; i < r.Length; i++)
        {
            var expected = r[i] * scale;
            var diff = c[i] - expected;
            statistic += diff * diff / expected;
        }
        if (r.Length < 2)
        {
            return new TestOutcome(0.0, 1.0);
        }
        return new TestOutcome(statistic, Distributions.ChiSquareSurvival(statistic, r.Length - 1));
    }
}
