using Fathom.Core.Errors;
using Fathom.Monitoring.Statistics;

namespace Fathom.Monitoring.Tests.Statistics;

public class DriftTestsRegistryTests
{
    [Theory]
    [InlineData("ks", 0.05, DriftRule.PValueAtOrBelow)]
    [InlineData("chisquare", 0.05, DriftRule.PValueBelow)]
    [InlineData("z", 0.05, DriftRule.PValueBelow)]
    [InlineData("wasserstein", 0.1, DriftRule.DistanceAtOrAbove)]
    [InlineData("jensenshannon", 0.1, DriftRule.DistanceAtOrAbove)]
    [InlineData("psi", 0.1, DriftRule.DistanceAtOrAbove)]
    [InlineData("kl_div", 0.1, DriftRule.DistanceAtOrAbove)]
    [InlineData("hellinger", 0.1, DriftRule.DistanceAtOrAbove)]
    public void Tests_are_registered_under_Evidently_names_with_its_default_thresholds(string name, double threshold, DriftRule rule)
    {
        var test = DriftTests.Get(name);
        Assert.Equal(name, test.Name);
        Assert.Equal(threshold, test.DefaultThreshold);
        Assert.Equal(rule, test.Rule);
    }

    [Fact]
    public void An_unknown_test_name_is_an_invalid_parameter_naming_the_available_tests()
    {
        var error = Assert.Throws<FathomException>(() => DriftTests.Get("nope"));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.Contains("nope", error.Message);
        Assert.Contains("wasserstein", error.Message);
    }

    [Theory]
    [InlineData(ColumnKind.Numerical, 1000, 6, "ks")]
    [InlineData(ColumnKind.Numerical, 1000, 5, "chisquare")]
    [InlineData(ColumnKind.Numerical, 1000, 3, "chisquare")]
    [InlineData(ColumnKind.Numerical, 1000, 2, "z")]
    [InlineData(ColumnKind.Numerical, 10, 1, "z")]
    [InlineData(ColumnKind.Categorical, 1000, 50, "chisquare")]
    [InlineData(ColumnKind.Categorical, 1000, 2, "z")]
    [InlineData(ColumnKind.Numerical, 1001, 6, "wasserstein")]
    [InlineData(ColumnKind.Numerical, 1001, 5, "jensenshannon")]
    [InlineData(ColumnKind.Categorical, 1001, 50, "jensenshannon")]
    [InlineData(ColumnKind.Categorical, 1001, 2, "jensenshannon")]
    public void The_default_test_follows_Evidentlys_rule(ColumnKind kind, int referenceSize, int unique, string expected)
    {
        Assert.Equal(expected, DriftTests.DefaultFor(kind, referenceSize, unique).Name);
    }

    [Fact]
    public void The_numerical_default_counts_distinct_values_of_both_samples()
    {
        double[] reference = [1, 2, 3, 1, 2, 3];
        double[] current = [4, 5, 6];
        Assert.Equal("ks", DriftTests.DefaultForNumerical(reference, current).Name);
        Assert.Equal("chisquare", DriftTests.DefaultForNumerical(reference, [1, 2]).Name);
    }

    [Fact]
    public void An_empty_sample_is_an_invalid_parameter()
    {
        var error = Assert.Throws<FathomException>(() => DriftTests.KolmogorovSmirnov.Numerical([1.0, 2.0], []));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.Contains("current", error.Message);
    }

    [Fact]
    public void A_numerical_only_test_refuses_categorical_columns()
    {
        var error = Assert.Throws<FathomException>(() => DriftTests.Wasserstein.Categorical([0, 1], [1, 1], 2));
        Assert.Contains("wasserstein", error.Message);
    }

    [Fact]
    public void Dataset_drift_needs_the_share_of_drifted_columns_to_reach_the_threshold()
    {
        Assert.True(DatasetDrift.IsDrifted(2, 4));
        Assert.False(DatasetDrift.IsDrifted(1, 4));
        Assert.True(DatasetDrift.IsDrifted(1, 4, driftShare: 0.25));
        Assert.False(DatasetDrift.IsDrifted(0, 0));
    }
}
