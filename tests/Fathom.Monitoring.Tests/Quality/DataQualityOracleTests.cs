using System.Globalization;
using System.Text.Json;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Quality;
using Fathom.Monitoring.Reports;

namespace Fathom.Monitoring.Tests.Quality;

/// <summary>
/// Checks data quality and a drift score against numpy/scipy values from tools/oracle/quality_oracle.py
/// (quantiles: numpy 'linear'; std: ddof=1). Tolerance 1e-9 relative: only the summation order differs.
/// </summary>
public sealed class DataQualityOracleTests
{
    private static readonly DataTable Reference = TableReader.Read(Tables.Fixture("quality_reference.csv"));
    private static readonly DataTable Current = TableReader.Read(Tables.Fixture("quality_current.csv"));
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Tables.Fixture("quality_expected.json"))).RootElement;
    private static readonly DataQualityResult Result = DataQualityCalculator.Calculate(
        Reference, Current, DataDefinitionBuilder.Build(Reference, Current, new ColumnMapping()));

    [Theory]
    [InlineData("x")]
    [InlineData("y")]
    [InlineData("k")]
    public void Numerical_summaries_match_numpy(string name)
    {
        var column = Result.Columns.Single(c => c.Column == name);
        var expected = Expected.GetProperty("columns").GetProperty(name);

        AssertSummary(expected.GetProperty("reference"), column.Reference, column.ReferenceOutliers!);
        AssertSummary(expected.GetProperty("current"), column.Current, column.CurrentOutliers!);
        Assert.Equal(expected.GetProperty("out_of_range").GetInt64(), column.OutOfRangeCount);
    }

    [Fact]
    public void Categorical_summary_finds_new_categories_and_counts_like_python()
    {
        var column = Result.Columns.Single(c => c.Column == "c");
        var expected = Expected.GetProperty("columns").GetProperty("c");

        Assert.Equal(expected.GetProperty("reference_missing").GetInt64(), column.Reference.MissingCount);
        Assert.Equal(expected.GetProperty("current_missing").GetInt64(), column.Current.MissingCount);
        Assert.Equal(expected.GetProperty("new_categories").EnumerateArray().Select(e => e.GetString()), column.NewCategories);
        Assert.Equal(expected.GetProperty("new_category_rows").GetInt64(), column.NewCategoryRows);
        Assert.Equal(
            expected.GetProperty("current_most_common").EnumerateArray().Select(p => (p[0].GetString(), p[1].GetInt64())),
            column.Current.MostCommon.Select(v => ((string?)v.Value, v.Count)));
    }

    [Fact]
    public void Duplicated_rows_match_python()
    {
        Assert.Equal(Expected.GetProperty("reference_duplicated_rows").GetInt64(), Result.Reference.DuplicatedRows);
        Assert.Equal(Expected.GetProperty("current_duplicated_rows").GetInt64(), Result.Current.DuplicatedRows);
    }

    [Fact]
    public void Drift_scores_in_the_report_are_scipy_ks_p_values()
    {
        var report = MonitoringReportBuilder.Build(Reference, Current, new ColumnMapping(), new ReportOptions { Preset = ReportPreset.Drift });

        foreach (var name in new[] { "x", "y", "k" })
        {
            var column = report.DataDrift!.Columns.Single(c => c.Column == name);
            Assert.Equal("ks", column.Test);
            Close(Expected.GetProperty("columns").GetProperty(name).GetProperty("ks_pvalue").GetDouble(), column.DriftScore, 1e-6);
        }
    }

    private static void AssertSummary(JsonElement expected, ColumnSummary actual, OutlierCounts outliers)
    {
        Assert.Equal(expected.GetProperty("count").GetInt64(), actual.Count);
        Assert.Equal(expected.GetProperty("missing_count").GetInt64(), actual.MissingCount);
        Assert.Equal(expected.GetProperty("unique_count").GetInt64(), actual.UniqueCount);
        var n = actual.Numeric!;
        Close(expected.GetProperty("min").GetDouble(), n.Min);
        Close(expected.GetProperty("max").GetDouble(), n.Max);
        Close(expected.GetProperty("mean").GetDouble(), n.Mean);
        Close(expected.GetProperty("std").GetDouble(), n.Std);
        Close(expected.GetProperty("p25").GetDouble(), n.P25);
        Close(expected.GetProperty("p50").GetDouble(), n.P50);
        Close(expected.GetProperty("p75").GetDouble(), n.P75);
        Assert.Equal(
            expected.GetProperty("most_common").EnumerateArray().Select(p => (double.Parse(p[0].GetString()!, CultureInfo.InvariantCulture), p[1].GetInt64())),
            actual.MostCommon.Select(v => (double.Parse(v.Value, CultureInfo.InvariantCulture), v.Count)));
        Assert.Equal(expected.GetProperty("iqr_outliers").GetInt64(), outliers.IqrCount);
        Assert.Equal(expected.GetProperty("zscore_outliers").GetInt64(), outliers.ZScoreCount);
    }

    private static void Close(double expected, double actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
