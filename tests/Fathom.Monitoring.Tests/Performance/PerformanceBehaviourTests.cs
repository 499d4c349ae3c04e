using Fathom.Core.Errors;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Performance;
using Fathom.Monitoring.Reports;
using Fathom.Monitoring.Reports.Html;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Performance;

public sealed class PerformanceBehaviourTests
{
    private static MonitoringReport Build(Core.Tables.DataTable reference, Core.Tables.DataTable current, ReportPreset preset, ColumnMapping? mapping = null, PerformanceOptions? options = null) =>
        MonitoringReportBuilder.Build(reference, current, mapping ?? new ColumnMapping(), new ReportOptions { Preset = preset, Performance = options ?? new PerformanceOptions() });

    [Fact]
    public void Perfect_label_predictions_score_one_everywhere()
    {
        var labels = Cat("target", "a", "b", "c", "a", "b", "c");
        var table = Of(Num("x", 1, 2, 3, 4, 5, 6), labels, Cat("prediction", "a", "b", "c", "a", "b", "c"));

        var current = Build(table, table, ReportPreset.Classification).Classification!.Current;

        Assert.Equal([1.0, 1.0, 1.0, 1.0], new[] { current.Accuracy, current.Precision, current.Recall, current.F1 });
        Assert.Equal([[2L, 0, 0], [0, 2, 0], [0, 0, 2]], current.ConfusionMatrix);
        Assert.Null(current.RocAuc);
    }

    [Fact]
    public void Probability_columns_that_do_not_match_the_labels_are_named()
    {
        var table = Of(Cat("target", "a", "b", "c"), Num("a", 0.5, 0.2, 0.1), Num("b", 0.5, 0.8, 0.9));

        var error = Assert.Throws<FathomException>(() => Build(table, table, ReportPreset.Classification, new ColumnMapping { PredictionProbabilities = ["a", "b"] }));

        Assert.Contains("probability columns ('a', 'b') do not match the labels of target 'target'", error.Message);
        Assert.Contains("no probability column for 'c'", error.Message);
    }

    [Fact]
    public void A_classification_report_without_a_target_or_prediction_says_what_to_map()
    {
        var noTarget = Of(Num("x", 1, 2, 3), Cat("prediction", "a", "b", "a"));
        var noPrediction = Of(Num("x", 1, 2, 3), Cat("target", "a", "b", "a"));

        Assert.Contains("needs a target column", Assert.Throws<FathomException>(() => Build(noTarget, noTarget, ReportPreset.Classification)).Message);
        Assert.Contains("needs a prediction", Assert.Throws<FathomException>(() => Build(noPrediction, noPrediction, ReportPreset.Classification)).Message);
    }

    [Fact]
    public void Regression_on_a_text_target_names_the_column_and_a_value()
    {
        var table = Of(Num("x", 1, 2, 3), Cat("y", "low", "high", "low"), Num("p", 1, 2, 3));

        var error = Assert.Throws<FathomException>(() => Build(table, table, ReportPreset.Regression, new ColumnMapping { Target = "y", Prediction = "p" }));

        Assert.Equal("Regression performance needs a numeric target, but column 'y' holds text (e.g. 'low').", error.Message);
    }

    [Fact]
    public void A_probability_prediction_needs_a_zero_one_target()
    {
        var table = Of(Int("target", 1, 2, 3, 1, 2, 3), Num("prediction", 0.1, 0.5, 0.9, 0.2, 0.4, 0.6));

        var error = Assert.Throws<FathomException>(() => Build(table, table, ReportPreset.Classification));

        Assert.Contains("The prediction column 'prediction' holds probabilities, which needs a 0/1 target, but target 'target' has label '2'", error.Message);
    }

    [Fact]
    public void A_class_missing_in_the_current_data_has_no_scores_and_no_roc_auc()
    {
        var labels = new[] { "a", "b", "c" };
        var reference = PerformanceData.Multiclass(300, 1, labels);
        var current = reference.Where(row => ((Core.Tables.CategoricalColumn)reference["target"]).Format(row) != "c");

        var performance = Build(reference, current, ReportPreset.Classification, new ColumnMapping { PredictionProbabilities = labels }).Classification!;

        var c = performance.Current.Classes[2];
        Assert.Equal(0, c.Support);
        Assert.Null(c.RocAuc);
        Assert.NotNull(performance.Current.RocAuc);
        Assert.NotNull(performance.Reference.Classes[2].RocAuc);
    }

    [Fact]
    public void Binary_scores_use_the_chosen_positive_label()
    {
        var table = Of(Cat("target", "yes", "no", "no", "no"), Cat("prediction", "yes", "yes", "no", "no"));

        var byDefault = Build(table, table, ReportPreset.Classification).Classification!;
        var positiveNo = Build(table, table, ReportPreset.Classification, options: new PerformanceOptions { PositiveLabel = "no" }).Classification!;

        Assert.Equal("yes", byDefault.PositiveLabel);
        Assert.Equal(0.5, byDefault.Current.Precision);
        Assert.Equal(1.0, positiveNo.Current.Precision);
        Assert.Equal(2.0 / 3, positiveNo.Current.Recall, 12);
        Assert.Throws<FathomException>(() => Build(table, table, ReportPreset.Classification, options: new PerformanceOptions { PositiveLabel = "maybe" }));
    }

    [Fact]
    public void Curves_stay_small_and_the_html_under_5_MB_on_200_000_rows()
    {
        var reference = PerformanceData.Binary(200_000, 1);
        var current = PerformanceData.Binary(200_000, 2, skill: 0.7);

        var report = Build(reference, current, ReportPreset.All);
        var html = HtmlReportWriter.Render(report);

        Assert.All(report.Classification!.Current.Curves, c => Assert.True(c.Roc.X.Length <= 200));
        Assert.True(report.Classification.Current.RocAuc < report.Classification.Reference.RocAuc);
        Assert.True(html.Length < 5_000_000, $"{html.Length} characters");
        Assert.Contains("id=\"confusion-current\"", html);
    }

    [Fact]
    public void Key_numbers_for_tracking_include_performance_and_drift()
    {
        var report = Build(PerformanceData.Regression(500, 1, 0), PerformanceData.Regression(500, 3, 2), ReportPreset.All);

        var metrics = ReportMetrics.KeyNumbers(report).ToDictionary(m => m.Key, m => m.Value);

        Assert.Equal(report.Regression!.Current.MeanAbsError, metrics["regression_performance.current.mean_abs_error"]);
        Assert.Equal(report.DataDrift!.ShareOfDriftedColumns, metrics["data_drift.share_of_drifted_columns"]);
        Assert.True(metrics.ContainsKey("data_drift.columns.x.drift_score"));
        Assert.Equal(2, report.Regression.Current.MeanError, 0);
    }
}
