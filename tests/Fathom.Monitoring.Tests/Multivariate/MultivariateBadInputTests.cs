using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Multivariate;

public sealed class MultivariateBadInputTests
{
    private static MultivariateDriftResult Run(DataTable reference, DataTable current) =>
        MultivariateDriftCalculator.Calculate(reference, current, DataDefinitionBuilder.Build(reference, current, new ColumnMapping()));

    [Fact]
    public void Too_few_reference_rows_leave_pca_and_mahalanobis_out_with_a_note()
    {
        var reference = Of(Num("x", Normal(12, 0, 1, 1)), Num("y", Normal(12, 0, 1, 2)));
        var current = Of(Num("x", Normal(12, 0, 1, 3)), Num("y", Normal(12, 0, 1, 4)));

        var result = Run(reference, current);

        Assert.Null(result.Pca);
        Assert.Null(result.Mahalanobis);
        Assert.Null(result.DomainClassifier);
        Assert.NotNull(result.Correlation);
        Assert.Contains(result.Notes, n => n.Contains("need at least 20 reference rows") && n.Contains("the reference has 12"));
        Assert.Contains(result.Notes, n => n.Contains("domain classifier needs at least 50 rows"));
    }

    [Fact]
    public void A_collinear_copy_makes_the_covariance_singular_which_is_regularized_and_said()
    {
        var x = Normal(500, 0, 1, 1);
        var reference = Of(Num("x", x), Num("x_copy", x.Select(v => 2 * v + 1).ToArray()), Num("y", Normal(500, 0, 1, 2)));
        var shifted = Normal(500, 0.5, 1, 3);
        var current = Of(Num("x", shifted), Num("x_copy", shifted.Select(v => 2 * v + 1).ToArray()), Num("y", Normal(500, 0, 1, 4)));

        var result = Run(reference, current);

        Assert.True(result.Mahalanobis!.Regularized);
        Assert.True(double.IsFinite(result.Mahalanobis.Distance.Value));
        Assert.True(result.Mahalanobis.Distance.Value < 10);
        Assert.Contains(result.Notes, n => n.Contains("covariance is singular"));
    }

    [Fact]
    public void A_constant_column_standardizes_to_zero_and_is_named()
    {
        var reference = Of(Num("c", Enumerable.Repeat(3.0, 300).ToArray()), Num("x", Normal(300, 0, 1, 1)), Num("y", Normal(300, 0, 1, 2)));
        var current = Of(Num("c", Enumerable.Repeat(3.0, 300).ToArray()), Num("x", Normal(300, 0, 1, 3)), Num("y", Normal(300, 0, 1, 4)));

        var result = Run(reference, current);

        Assert.Contains(result.Notes, n => n.Contains("Constant in the reference") && n.Contains("'c'"));
        Assert.False(result.Pca!.Error.Drifted);
        Assert.All(result.Correlation!.Pairs.Where(p => p.First == "c" || p.Second == "c"), p => Assert.True(double.IsNaN(p.Reference)));
    }

    [Fact]
    public void Categorical_only_data_runs_pca_but_not_correlations()
    {
        var reference = Of(Cat("a", Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? "p" : "q").ToArray()), Cat("b", Enumerable.Range(0, 300).Select(i => i % 5 == 0 ? "r" : "s").ToArray()));
        var current = Of(Cat("a", Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? "p" : "q").ToArray()), Cat("b", Enumerable.Range(0, 300).Select(i => i % 5 == 0 ? "r" : "s").ToArray()));

        var result = Run(reference, current);

        Assert.NotNull(result.Pca);
        Assert.Null(result.Correlation);
        Assert.Contains(result.Notes, n => n.Contains("at least two numerical features"));
    }

    [Fact]
    public void No_features_at_all_is_a_note_not_a_failure()
    {
        var reference = Of(Num("x", Enumerable.Repeat(double.NaN, 100).ToArray()), Num("target", Normal(100, 0, 1, 1)));
        var current = Of(Num("x", Normal(100, 0, 1, 2)), Num("target", Normal(100, 0, 1, 3)));

        var result = Run(reference, current);

        Assert.Empty(result.Features);
        Assert.Contains(result.Notes, n => n.Contains("'x' is left out: every reference value is missing"));
        Assert.Contains(result.Notes, n => n.Contains("needs at least one"));
    }

    [Fact]
    public void The_same_data_gives_the_same_domain_classifier_result()
    {
        var reference = Of(Num("x", Normal(3000, 0, 1, 1)), Num("y", Normal(3000, 0, 1, 2)));
        var current = Of(Num("x", Normal(3000, 0.3, 1, 3)), Num("y", Normal(3000, 0, 1, 4)));

        var first = Run(reference, current).DomainClassifier!;
        var second = Run(reference, current).DomainClassifier!;

        Assert.Equal(first.RocAuc, second.RocAuc);
        Assert.True(first.Drifted);
        Assert.Equal("x", first.Importance[0].Feature);
    }
}
