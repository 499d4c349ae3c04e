using Fathom.Core.Errors;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Drift;

public sealed class DataDriftCalculatorTests
{
    private static readonly ColumnDefinition[] Features = [new("stable", FeatureType.Numerical), new("shifted", FeatureType.Numerical), new("colour", FeatureType.Categorical)];

    private static (Fathom.Core.Tables.DataTable Reference, Fathom.Core.Tables.DataTable Current) Pair(int n)
    {
        var colours = new[] { "red", "green", "blue" };
        var reference = Of(Num("stable", Normal(n, 0, 1, 1)), Num("shifted", Normal(n, 0, 1, 2)), Cat("colour", Enumerable.Range(0, n).Select(i => colours[i % 3]).ToArray()));
        var current = Of(Num("stable", Normal(n, 0, 1, 3)), Num("shifted", Normal(n, 3, 1, 4)), Cat("colour", Enumerable.Range(0, n).Select(i => i % 2 == 0 ? "red" : "violet").ToArray()));
        return (reference, current);
    }

    [Fact]
    public void Small_samples_use_ks_and_chisquare_and_flag_the_shifted_columns()
    {
        var (reference, current) = Pair(500);

        var result = DataDriftCalculator.Calculate(reference, current, Features);

        var byName = result.Columns.ToDictionary(c => c.Column);
        Assert.Equal("ks", byName["stable"].Test);
        Assert.False(byName["stable"].Drifted);
        Assert.True(byName["shifted"].Drifted);
        Assert.True(byName["shifted"].DriftScore < 1e-10);
        Assert.Equal("chisquare", byName["colour"].Test);
        Assert.True(byName["colour"].Drifted);
        Assert.Equal(2, result.NumberOfDriftedColumns);
        Assert.Equal(2.0 / 3, result.ShareOfDriftedColumns, 12);
        Assert.True(result.DatasetDrift);
    }

    [Fact]
    public void Large_samples_use_wasserstein_and_jensenshannon()
    {
        var (reference, current) = Pair(2000);

        var result = DataDriftCalculator.Calculate(reference, current, Features);

        Assert.Equal(["wasserstein", "wasserstein", "jensenshannon"], result.Columns.Select(c => c.Test));
        Assert.Equal(0.1, result.Columns[0].Threshold);
    }

    [Fact]
    public void Tests_and_thresholds_can_be_chosen_globally_and_per_column()
    {
        var (reference, current) = Pair(500);
        var options = new DriftOptions
        {
            Test = "psi",
            PerColumnTest = new Dictionary<string, string> { ["stable"] = "ks" },
            PerColumnThreshold = new Dictionary<string, double> { ["stable"] = 0.5 },
        };

        var result = DataDriftCalculator.Calculate(reference, current, Features, options);

        Assert.Equal(["ks", "psi", "psi"], result.Columns.Select(c => c.Test));
        Assert.Equal(0.5, result.Columns[0].Threshold);
    }

    [Fact]
    public void The_dataset_drift_share_is_configurable()
    {
        var (reference, current) = Pair(500);

        var result = DataDriftCalculator.Calculate(reference, current, Features, new DriftOptions { DriftShare = 0.9 });

        Assert.Equal(2, result.NumberOfDriftedColumns);
        Assert.False(result.DatasetDrift);
    }

    [Fact]
    public void An_unknown_test_name_lists_the_available_ones()
    {
        var (reference, current) = Pair(50);

        var error = Assert.Throws<FathomException>(() => DataDriftCalculator.Calculate(reference, current, Features, new DriftOptions { Test = "nope" }));

        Assert.Contains("No drift test named 'nope'", error.Message);
    }

    [Fact]
    public void A_column_missing_everywhere_in_one_dataset_is_reported_undrifted_with_a_note()
    {
        var reference = Of(Num("x", 1, 2, 3));
        var current = Of(Num("x", double.NaN, double.NaN));

        var column = DataDriftCalculator.Calculate(reference, current, [new("x", FeatureType.Numerical)]).Columns[0];

        Assert.False(column.Drifted);
        Assert.True(double.IsNaN(column.DriftScore));
        Assert.Equal("every value is missing in the current data", column.Note);
    }

    [Fact]
    public void Histograms_share_bins_across_datasets_and_count_every_value()
    {
        var (reference, current) = Pair(500);

        var distribution = DataDriftCalculator.Calculate(reference, current, Features).Columns[1].Distribution;

        Assert.Equal(21, distribution.Edges!.Count);
        Assert.Equal(500, distribution.ReferenceCounts.Sum());
        Assert.Equal(500, distribution.CurrentCounts.Sum());
    }
}
