using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "g_test": SciPy's power_divergence(lambda_="log-likelihood"), G = 2·Σ obs·ln(obs/exp), of the current
/// counts against the reference counts. Evidently passes the raw reference counts as expected values, which SciPy
/// (>= 1.9) refuses unless both samples have the same size; Fathom scales them to the current total, as chisquare
/// does — the same result whenever Evidently's call succeeds. One category: SciPy's p is NaN; Fathom reports 1.
/// </summary>
internal sealed class GTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        throw new InvalidOperationException("g_test is categorical only.");

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount)
    {
        var (r, c) = CategoryCounts.CountPresent(reference, current, categoryCount);
        var scale = (double)current.Length / reference.Length;
        var g = 0.0;
        for (var i = 0; i < r.Length; i++)
        {
            if (c[i] > 0)
            {
                g += c[i] * Math.Log(c[i] / (r[i] * scale));
            }
        }
        g *= 2;
        return new TestOutcome(g, r.Length < 2 ? 1.0 : Distributions.ChiSquareSurvival(g, r.Length - 1));
    }
}
