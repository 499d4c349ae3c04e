using System.Text;

namespace Fathom.Monitoring.Reports;

/// <summary>
/// The key numbers of a report as tracking metrics (<c>fathom monitor report --log-to-run</c>): names are the JSON
/// paths, with column names reduced to the characters MLflow allows in a metric key. Booleans are 1/0; numbers
/// that are not finite are left out (a metric needs a value).
/// </summary>
public static class ReportMetrics
{
    /// <summary>The key numbers; <paramref name="prefix"/> (e.g. "windows.") keeps per-window metrics apart from the whole report's.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> KeyNumbers(MonitoringReport report, string prefix = "")
    {
        var metrics = new List<KeyValuePair<string, double>>();
        void Add(string key, double? value)
        {
            if (value is { } v && double.IsFinite(v)) metrics.Add(new(prefix + key, v));
        }
        if (report.DataDrift is { } drift)
        {
            Add("data_drift.share_of_drifted_columns", drift.ShareOfDriftedColumns);
            Add("data_drift.number_of_drifted_columns", drift.NumberOfDriftedColumns);
            Add("data_drift.dataset_drift", drift.DatasetDrift ? 1 : 0);
            foreach (var c in drift.Columns) Add($"data_drift.columns.{Key(c.Column)}.drift_score", c.DriftScore);
        }
        Add("target_drift.drift_score", report.TargetDrift?.DriftScore);
        Add("target_drift.drifted", report.TargetDrift is { } t ? (t.Drifted ? 1 : 0) : null);
        Add("prediction_drift.drift_score", report.PredictionDrift?.DriftScore);
        Add("prediction_drift.drifted", report.PredictionDrift is { } p ? (p.Drifted ? 1 : 0) : null);
        if (report.DataQuality is { } quality)
        {
            Add("data_quality.current.missing_cells_share", quality.Current.MissingCellsShare);
            Add("data_quality.current.duplicated_rows", quality.Current.DuplicatedRows);
        }
        if (report.Classification?.Current is { } c1)
        {
            const string at = "classification_performance.current";
            Add($"{at}.accuracy", c1.Accuracy);
            Add($"{at}.precision", c1.Precision);
            Add($"{at}.recall", c1.Recall);
            Add($"{at}.f1", c1.F1);
            Add($"{at}.roc_auc", c1.RocAuc);
            Add($"{at}.pr_auc", c1.PrAuc);
            Add($"{at}.log_loss", c1.LogLoss);
            Add($"{at}.brier_score", c1.BrierScore);
        }
        if (report.Regression?.Current is { } r)
        {
            const string at = "regression_performance.current";
            Add($"{at}.mean_error", r.MeanError);
            Add($"{at}.mean_abs_error", r.MeanAbsError);
            Add($"{at}.rmse", r.Rmse);
            Add($"{at}.mean_abs_perc_error", r.MeanAbsPercError);
            Add($"{at}.r2_score", r.R2Score);
        }
        return metrics;
    }

    /// <summary>MLflow metric keys allow letters, digits, '_', '-', '.', ' ' and '/'; anything else becomes '_'.</summary>
    internal static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var ch in name) key.Append(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or ' ' or '/' ? ch : '_');
        return key.ToString();
    }
}
