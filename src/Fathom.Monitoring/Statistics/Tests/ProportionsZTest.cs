using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "z": two-proportion z-test of "is the first category" (the smallest code present in either sample,
/// Evidently's sorted(keys)[0]) between reference and current, pooled variance, two-sided p = 2·(1 - Φ(|z|)) computed
/// as Evidently does. When both samples hold the same single value the p-value is 1.
/// </summary>
internal sealed class ProportionsZTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        throw new InvalidOperationException("z is categorical only.");

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount)
    {
        var r = CategoryCounts.Count(reference, categoryCount);
        var c = CategoryCounts.Count(current, categoryCount);
        var first = 0;
        while (r[first] + c[first] == 0)
        {
            first++;
        }
        double n1 = reference.Length, n2 = current.Length;
        if (r[first] == reference.Length && c[first] == current.Length)
        {
            return new TestOutcome(0.0, 1.0);
        }
        var p1 = (n1 - r[first]) / n1;
        var p2 = (n2 - c[first]) / n2;
        var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return new TestOutcome(z, 2 * (1 - Distributions.NormalCdf(Math.Abs(z))));
    }
}
