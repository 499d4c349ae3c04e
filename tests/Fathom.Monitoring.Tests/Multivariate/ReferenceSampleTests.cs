using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Multivariate;

/// <summary>
/// Fitting the multivariate model on a row sample of the reference (10% here; 100,000 of 1,000,000 by default) keeps
/// every figure within the tolerances docs/monitoring-reports.md states: score means and thresholds 1% relative,
/// correlations 0.03 absolute, the same drift decisions.
/// </summary>
public sealed class ReferenceSampleTests
{
    private const int Rows = 40_000;

    private static DataTable Correlated(int seed, double shift)
    {
        var a = Normal(Rows, shift, 1, seed);
        var noise = Normal(Rows, 0, 1, seed + 100);
        var b = a.Select((v, i) => 0.6 * v + 0.8 * noise[i]).ToArray();
        var random = new Random(seed + 200);
        var categories = new[] { "x", "y", "z" };
        return Of(Num("a", a), Num("b", b), Num("c", Normal(Rows, 0, 2, seed + 300)),
            Cat("k", Enumerable.Range(0, Rows).Select(_ => categories[random.Next(3)]).ToArray()));
    }

    [Fact]
    public void A_sampled_reference_fit_stays_within_the_stated_tolerances_of_the_full_fit()
    {
        var reference = Correlated(1, 0);
        var current = Correlated(2, 0.1);
        var definition = DataDefinitionBuilder.Build(reference, current, new ColumnMapping());

        var full = MultivariateDriftCalculator.Calculate(reference, current, definition, new MultivariateOptions { ReferenceSampleRows = Rows });
        var sampled = MultivariateDriftCalculator.Calculate(reference, current, definition, new MultivariateOptions { ReferenceSampleRows = Rows / 10 });

        AssertClose(full.Pca!.Error, sampled.Pca!.Error);
        AssertClose(full.Mahalanobis!.Distance, sampled.Mahalanobis!.Distance);
        Assert.Equal(full.Pca.Components, sampled.Pca.Components);
        Assert.Equal(full.Mahalanobis.ShareBeyond, sampled.Mahalanobis.ShareBeyond, 0.005);
        foreach (var pair in full.Correlation!.Pairs)
        {
            var other = sampled.Correlation!.Pairs.Single(p => p.First == pair.First && p.Second == pair.Second);
            Assert.Equal(pair.Reference, other.Reference, 0.03);
            Assert.Equal(pair.Current, other.Current, 1e-12);
        }
        Assert.Equal(full.Correlation.Drifted, sampled.Correlation!.Drifted);
    }

    [Fact]
    public void A_reference_no_larger_than_the_sample_is_fitted_on_every_row()
    {
        var reference = Correlated(3, 0);
        var current = Correlated(4, 0);
        var definition = DataDefinitionBuilder.Build(reference, current, new ColumnMapping());

        var exact = MultivariateDriftCalculator.Calculate(reference, current, definition, new MultivariateOptions { ReferenceSampleRows = Rows });
        var larger = MultivariateDriftCalculator.Calculate(reference, current, definition, new MultivariateOptions { ReferenceSampleRows = 10 * Rows });

        Assert.Equal(exact.Pca!.Error, larger.Pca!.Error);
        Assert.Equal(exact.Correlation!.MaxAbsoluteChange, larger.Correlation!.MaxAbsoluteChange);
    }

    private static void AssertClose(ChunkedScore full, ChunkedScore sampled)
    {
        Assert.Equal(full.Value, sampled.Value, full.Value * 0.01);
        Assert.Equal(full.ReferenceValue, sampled.ReferenceValue, full.ReferenceValue * 0.01);
        Assert.Equal(full.LowerThreshold, sampled.LowerThreshold, full.Value * 0.01);
        Assert.Equal(full.UpperThreshold, sampled.UpperThreshold, full.Value * 0.01);
        Assert.Equal(full.Drifted, sampled.Drifted);
    }
}
