using Fathom.Core.Errors;
using Fathom.Monitoring.Performance;
using Fathom.Monitoring.Reports;
using static Fathom.Monitoring.Suites.TestCondition;

namespace Fathom.Monitoring.Suites;

/// <summary>
/// Evidently 0.4's test presets (<c>evidently/test_preset/*.py</c>) over Fathom's report, with Evidently's default
/// conditions derived from the reference (<c>evidently/tests/*.py</c>): rows within ±10% of the reference, missing share
/// at most 10% above the reference's, means within 2 reference standard deviations, no value outside the reference
/// range or category list, no drift; classification metrics within ±20% of the reference, regression errors within
/// ±10% of the reference and the mean error within 0.1 error standard deviations of 0.
/// </summary>
public static class TestPresets
{
    public static readonly string[] Names = ["data_stability", "data_drift", "no_target_performance", "classification", "regression"];

    /// <summary>The report sections a preset reads.</summary>
    public static ReportPreset ReportPresetFor(string name) => name switch
    {
        "data_drift" => ReportPreset.Drift,
        "data_stability" => ReportPreset.Quality,
        _ => ReportPreset.All,
    };

    public static void CheckName(string name, string where)
    {
        if (!Names.Contains(name))
            throw FathomException.InvalidParameter($"{where}: test preset '{name}' is unknown; use one of {string.Join(", ", Names)}.");
    }

    public static IReadOnlyList<SuiteTest> Generate(string name, MonitoringReport report)
    {
        CheckName(name, "Test preset");
        var tests = new List<SuiteTest>();
        void Add(string metric, TestCondition condition, string title) =>
            tests.Add(new SuiteTest(title, metric, condition.Name, condition.Operands, TestSeverity.Fail));
        switch (name)
        {
            case "data_stability":
                Stability(report, Add, includeRowsAndColumns: true);
                break;
            case "data_drift":
                Drift(report, Add, shareBelow: 0.3, everyColumn: true, target: true);
                break;
            case "no_target_performance":
                // Evidently passes lt=number_of_columns // 3 to a share test (always true); the intent, a third of the columns, is used here.
                Drift(report, Add, shareBelow: 1.0 / 3, everyColumn: false, target: false);
                Stability(report, Add, includeRowsAndColumns: false);
                break;
            case "classification":
                Classification(report, Add);
                break;
            default:
                Regression(report, Add);
                break;
        }
        return tests;
    }

    private static void Stability(MonitoringReport report, Action<string, TestCondition, string> add, bool includeRowsAndColumns)
    {
        var quality = Require(report.DataQuality, "data quality", "data_stability or no_target_performance");
        if (includeRowsAndColumns)
        {
            add("data_quality.current.rows", Approx(quality.Reference.Rows, relative: 0.1), "Number of rows");
            add("data_quality.current.columns", Eq(quality.Reference.Columns), "Number of columns");
        }
        foreach (var c in quality.Columns)
        {
            var key = $"data_quality.columns[{c.Column}]";
            add($"{key}.current.missing_share", Lte(c.Reference.MissingShare * 1.1), $"Share of missing values in '{c.Column}'");
            if (c.OutOfRangeShare is not null)
                add($"{key}.current_out_of_reference_range_share", Eq(0), $"Share of out-of-range values in '{c.Column}'");
            if (c.NewCategoryRows is not null)
                add($"{key}.new_category_rows", Eq(0), $"Values outside the reference list in '{c.Column}'");
            if (c.Reference.Numeric is { } stats && c.ColumnType == "num" && double.IsFinite(stats.Std))
                add($"{key}.current.mean", Between(stats.Mean - 2 * stats.Std, stats.Mean + 2 * stats.Std), $"Mean of '{c.Column}' within 2 reference sigmas");
        }
    }

    private static void Drift(MonitoringReport report, Action<string, TestCondition, string> add, double shareBelow, bool everyColumn, bool target)
    {
        var drift = Require(report.DataDrift, "data drift", "data_drift or no_target_performance");
        add("data_drift.share_of_drifted_columns", Lt(shareBelow), "Share of drifted columns");
        if (target && report.TargetDrift is not null) add("target_drift.drifted", Eq(false), $"Drift of the target '{report.TargetDrift.Column}'");
        if (report.PredictionDrift is not null) add("prediction_drift.drifted", Eq(false), $"Drift of the prediction '{report.PredictionDrift.Column}'");
        if (!everyColumn) return;
        foreach (var c in drift.Columns) add($"data_drift.columns[{c.Column}].drifted", Eq(false), $"Drift of '{c.Column}'");
    }

    private static void Classification(MonitoringReport report, Action<string, TestCondition, string> add)
    {
        var performance = Require(report.Classification, "classification performance", "classification");
        var reference = performance.Reference;
        const string at = "classification_performance.current";
        add($"{at}.rows", Approx(reference.Rows, relative: 0.1), "Number of rows");
        if (report.TargetDrift is not null) add("target_drift.drifted", Eq(false), $"Drift of the target '{report.TargetDrift.Column}'");
        add($"{at}.accuracy", Approx(reference.Accuracy, relative: 0.2), "Accuracy");
        add($"{at}.f1", Approx(reference.F1, relative: 0.2), "F1");
        if (performance.PositiveLabel is not null)
        {
            add($"{at}.precision", Approx(reference.Precision, relative: 0.2), "Precision");
            add($"{at}.recall", Approx(reference.Recall, relative: 0.2), "Recall");
        }
        else
        {
            foreach (var c in reference.Classes.Where(c => c.Precision is not null))
            {
                add($"{at}.classes[{c.Label}].precision", Approx(c.Precision!.Value, relative: 0.2), $"Precision of class '{c.Label}'");
                add($"{at}.classes[{c.Label}].recall", Approx(c.Recall!.Value, relative: 0.2), $"Recall of class '{c.Label}'");
            }
        }
        if (reference.RocAuc is { } auc) add($"{at}.roc_auc", Approx(auc, relative: 0.2), "ROC AUC");
        if (reference.LogLoss is { } loss && performance.PositiveLabel is null) add($"{at}.log_loss", Approx(loss, relative: 0.2), "Log-loss");
    }

    private static void Regression(MonitoringReport report, Action<string, TestCondition, string> add)
    {
        var performance = Require(report.Regression, "regression performance", "regression");
        var reference = performance.Reference;
        const string at = "regression_performance.current";
        // Evidently: the mean error is tested against 0 with a tolerance of 0.1 sigma of the current errors.
        add($"{at}.mean_error", Approx(0, absolute: 0.1 * performance.Current.ErrorStd), "Mean error");
        add($"{at}.mean_abs_error", Approx(reference.MeanAbsError, relative: 0.1), "MAE");
        add($"{at}.rmse", Approx(reference.Rmse, relative: 0.1), "RMSE");
        add($"{at}.mean_abs_perc_error", Approx(reference.MeanAbsPercError, relative: 0.1), "MAPE");
    }

    private static T Require<T>(T? section, string what, string preset) where T : class =>
        section ?? throw FathomException.InvalidParameter(
            $"Test preset {preset} needs the report's {what}, which this report does not have (check the target/prediction mapping and the suite's preset).");
}
