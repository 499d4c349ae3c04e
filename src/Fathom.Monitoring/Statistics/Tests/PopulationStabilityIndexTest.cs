using Fathom.Monitoring.Statistics.Internals;

namespace Fathom.Monitoring.Statistics.Tests;

/// <summary>Evidently's "psi": Σ (r - c)·ln(r / c) over Evidently's bins, empty bins filled with a small share.</summary>
internal sealed class PopulationStabilityIndexTest : IDriftStatistic
{
    public TestOutcome Numerical(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        Of(EvidentlyBinning.Numerical(reference, current, fillZeroes: true));

    public TestOutcome Categorical(ReadOnlySpan<int> reference, ReadOnlySpan<int> current, int categoryCount) =>
        Of(EvidentlyBinning.Categorical(reference, current, categoryCount, fillZeroes: true));

    private static TestOutcome Of((double[] Reference, double[] Current) shares)
    {
        var psi = 0.0;
        for (var i = 0; i < shares.Reference.Length; i++)
        {
            double r = shares.Reference[i], c = shares.Current[i];
            psi += (r - c) * Math.Log(r / c);
        }
        return new TestOutcome(psi, psi);
    }
}
