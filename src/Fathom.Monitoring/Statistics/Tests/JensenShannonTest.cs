using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>
/// Evidently's "jensenshannon": scipy.spatial.distance.jensenshannon(reference, current, base=2) over Evidently's bins,
/// without filling empty bins: sqrt((KL(p‖m) + KL(q‖m)) / (2·ln 2)) with m the average of the normalised shares.
/// </summary>
internal sealed class JensenShannonTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        Of(EvidentlyBinning.Numerical(reference, current, fillZeroes: false));

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        Of(EvidentlyBinning.Categorical(reference, current, categoryCount, fillZeroes: false));

    private static TestOutcome Of((double[] Reference, double[] Current) shares)
    {
        var p = KullbackLeiblerTest.Normalized(shares.Reference);
        var q = KullbackLeiblerTest.Normalized(shares.Current);
        double left = 0, right = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var m = (p[i] + q[i]) / 2.0;
            left += KullbackLeiblerTest.RelativeEntropy(p[i], m);
            right += KullbackLeiblerTest.RelativeEntropy(q[i], m);
        }
        var js = (left + right) / Math.Log(2);
        var distance = Math.Sqrt(js / 2.0);
        return new TestOutcome(distance, distance);
    }
}
