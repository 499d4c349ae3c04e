using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "kl_div": scipy.stats.entropy(reference, current) over Evidently's bins with empty bins filled, which
/// renormalises both share vectors to sum 1 before Σ p·ln(p/q).
/// </summary>
internal sealed class KullbackLeiblerTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        Of(EvidentlyBinning.Numerical(reference, current, fillZeroes: true));

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        Of(EvidentlyBinning.Categorical(reference, current, categoryCount, fillZeroes: true));

    private static TestOutcome Of((double[] Reference, double[] Current) shares)
    {
        var p = Normalized(shares.Reference);
        var q = Normalized(shares.Current);
        var kl = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            kl += RelativeEntropy(p[i], q[i]);
        }
        return new TestOutcome(kl, kl);
    }

    /// <summary>SciPy's rel_entr: x·ln(x/y), 0 when x = 0, infinite when y = 0 &lt; x.</summary>
    internal static double RelativeEntropy(double x, double y) =>
        x == 0 ? 0.0 : y == 0 ? double.PositiveInfinity : x * Math.Log(x / y);

    internal static double[] Normalized(double[] shares)
    {
        var sum = 0.0;
        foreach (var s in shares)
        {
            sum += s;
        }
        var result = new double[shares.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            result[i] = shares[i] / sum;
        }
        return result;
    }
}
