using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "t_test": scipy.stats.ttest_ind (pooled variance, two-sided). Undefined when a sample has one value or
/// both are constant: SciPy returns NaN; Fathom keeps the NaN statistic and reports p = 1.
/// </summary>
internal sealed class StudentTTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double n1 = reference.Length, n2 = current.Length;
        var v1 = Moments.Variance(reference, ddof: 1);
        var v2 = Moments.Variance(current, ddof: 1);
        var dof = n1 + n2 - 2;
        var pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / dof;
        var t = (Moments.Mean(reference) - Moments.Mean(current)) / Math.Sqrt(pooled * (1.0 / n1 + 1.0 / n2));
        var p = Distributions.StudentTwoSidedTail(t, dof);
        return new TestOutcome(t, double.IsNaN(p) ? 1.0 : p);
    }

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        throw new InvalidOperationException("t_test is numerical only.");
}
