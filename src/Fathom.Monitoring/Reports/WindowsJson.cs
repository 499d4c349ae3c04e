using System.Globalization;
using System.Text.Json;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Multivariate;
using Fathom.Monitoring.Windows;
using static Fathom.Monitoring.Reports.ReportJsonWriter;

namespace Fathom.Monitoring.Reports;

/// <summary>
/// The "windowing" and "windows" sections of the JSON report (docs/monitoring-reports.md): per window its bounds, row count and the
/// numbers of each section the preset computes. Histograms, curves and per-column quality are left out so the section
/// stays small however many windows there are; the whole-data sections above carry them.
/// </summary>
internal static class WindowsJson
{
    public static void Write(Utf8JsonWriter json, ReportWindows windows)
    {
        json.WriteStartObject("windowing");
        json.WriteString("window", windows.Window.ToString());
        WriteNullable(json, "timestamp", windows.Timestamp);
        json.WriteNumber("rows_without_timestamp", windows.RowsWithoutTimestamp);
        json.WriteNumber("number_of_windows", windows.Windows.Count);
        json.WriteEndObject();
        json.WriteStartArray("windows");
        foreach (var window in windows.Windows) Window(json, window);
        json.WriteEndArray();
    }

    private static void Window(Utf8JsonWriter json, ReportWindow window)
    {
        var report = window.Report;
        json.WriteStartObject();
        json.WriteNumber("index", window.Index);
        WriteNullable(json, "start", Time(window.Start));
        WriteNullable(json, "end", Time(window.End));
        json.WriteNumber("rows", window.Rows);
        if (report.DataDrift is { } drift)
        {
            json.WriteStartObject("data_drift");
            json.WriteStartArray("columns");
            foreach (var column in drift.Columns) Column(json, null, column);
            json.WriteEndArray();
            json.WriteNumber("number_of_columns", drift.Columns.Count);
            json.WriteNumber("number_of_drifted_columns", drift.NumberOfDriftedColumns);
            WriteNumber(json, "share_of_drifted_columns", drift.ShareOfDriftedColumns);
            json.WriteBoolean("dataset_drift", drift.DatasetDrift);
            json.WriteEndObject();
        }
        if (report.TargetDrift is { } target) Column(json, "target_drift", target);
        if (report.PredictionDrift is { } prediction) Column(json, "prediction_drift", prediction);
        if (report.Multivariate is { } multivariate) Multivariate(json, multivariate);
        if (report.DataQuality is { } quality) QualityJson.WriteDataset(json, "data_quality", quality.Current);
        if (report.Classification?.Current is { } c)
        {
            json.WriteStartObject("classification_performance");
            json.WriteNumber("rows", c.Rows);
            json.WriteNumber("dropped_rows", c.DroppedRows);
            WriteNumber(json, "accuracy", c.Accuracy);
            WriteNumber(json, "precision", c.Precision);
            WriteNumber(json, "recall", c.Recall);
            WriteNumber(json, "f1", c.F1);
            WriteNumber(json, "roc_auc", c.RocAuc);
            WriteNumber(json, "pr_auc", c.PrAuc);
            WriteNumber(json, "log_loss", c.LogLoss);
            WriteNumber(json, "brier_score", c.BrierScore);
            json.WriteEndObject();
        }
        if (report.Regression?.Current is { } r)
        {
            json.WriteStartObject("regression_performance");
            json.WriteNumber("rows", r.Rows);
            json.WriteNumber("dropped_rows", r.DroppedRows);
            WriteNumber(json, "mean_error", r.MeanError);
            WriteNumber(json, "mean_abs_error", r.MeanAbsError);
            WriteNumber(json, "mean_abs_perc_error", r.MeanAbsPercError);
            WriteNumber(json, "rmse", r.Rmse);
            WriteNumber(json, "r2_score", r.R2Score);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void Column(Utf8JsonWriter json, string? name, ColumnDrift column)
    {
        if (name is null) json.WriteStartObject();
        else json.WriteStartObject(name);
        json.WriteString("column", column.Column);
        json.WriteString("column_type", column.ColumnType);
        json.WriteString("test", column.Test);
        WriteNumber(json, "statistic", column.Statistic);
        WriteNumber(json, "drift_score", column.DriftScore);
        WriteNumber(json, "threshold", column.Threshold);
        json.WriteBoolean("drifted", column.Drifted);
        if (column.Note is not null) json.WriteString("note", column.Note);
        json.WriteEndObject();
    }

    private static void Multivariate(Utf8JsonWriter json, MultivariateDriftResult result)
    {
        json.WriteStartObject("multivariate");
        Check(json, "pca_reconstruction_error", "value", result.Pca?.Error.Value, result.Pca?.Error.Drifted);
        Check(json, "mahalanobis_distance", "value", result.Mahalanobis?.Distance.Value, result.Mahalanobis?.Distance.Drifted);
        Check(json, "domain_classifier", "roc_auc", result.DomainClassifier?.RocAuc, result.DomainClassifier?.Drifted);
        Check(json, "correlation_change", "max_abs_change", result.Correlation?.MaxAbsoluteChange, result.Correlation?.Drifted);
        json.WriteEndObject();
    }

    private static void Check(Utf8JsonWriter json, string name, string valueName, double? value, bool? drifted)
    {
        if (drifted is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        WriteNumber(json, valueName, value);
        json.WriteBoolean("drifted", drifted.Value);
        json.WriteEndObject();
    }

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
