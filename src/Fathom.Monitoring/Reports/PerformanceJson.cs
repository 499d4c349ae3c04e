using System.Text.Json;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Performance;
using Fathom.Monitoring.TargetDrift;
using static Fathom.Monitoring.Reports.ReportJsonWriter;

namespace Fathom.Monitoring.Reports;

/// <summary>The "classification_performance", "regression_performance" and "target_correlations" sections of the JSON report.</summary>
internal static class PerformanceJson
{
    public static void Write(Utf8JsonWriter json, ClassificationPerformance performance)
    {
        json.WriteStartObject("classification_performance");
        json.WriteString("target", performance.Target);
        WriteStrings(json, "labels", performance.Labels);
        WriteNullable(json, "positive_label", performance.PositiveLabel);
        json.WritePropertyName("reference");
        Quality(json, performance.Labels, performance.Reference);
        json.WritePropertyName("current");
        Quality(json, performance.Labels, performance.Current);
        json.WriteEndObject();
    }

    private static void Quality(Utf8JsonWriter json, IReadOnlyList<string> labels, ClassificationQuality q)
    {
        json.WriteStartObject();
        json.WriteNumber("rows", q.Rows);
        json.WriteNumber("dropped_rows", q.DroppedRows);
        WriteNumber(json, "accuracy", q.Accuracy);
        WriteNumber(json, "precision", q.Precision);
        WriteNumber(json, "recall", q.Recall);
        WriteNumber(json, "f1", q.F1);
        Averaged(json, "macro", q.Macro);
        Averaged(json, "weighted", q.Weighted);
        WriteNumber(json, "tpr", q.Rates?.TruePositiveRate);
        WriteNumber(json, "tnr", q.Rates?.TrueNegativeRate);
        WriteNumber(json, "fpr", q.Rates?.FalsePositiveRate);
        WriteNumber(json, "fnr", q.Rates?.FalseNegativeRate);
        WriteNumber(json, "roc_auc", q.RocAuc);
        WriteNumber(json, "pr_auc", q.PrAuc);
        WriteNumber(json, "log_loss", q.LogLoss);
        WriteNumber(json, "brier_score", q.BrierScore);
        json.WriteStartArray("classes");
        foreach (var c in q.Classes)
        {
            json.WriteStartObject();
            json.WriteString("label", c.Label);
            WriteNumber(json, "precision", c.Precision);
            WriteNumber(json, "recall", c.Recall);
            WriteNumber(json, "f1", c.F1);
            json.WriteNumber("support", c.Support);
            WriteNumber(json, "roc_auc", c.RocAuc);
            WriteNumber(json, "pr_auc", c.PrAuc);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("confusion_matrix");
        WriteStrings(json, "labels", labels);
        json.WriteStartArray("values");
        foreach (var row in q.ConfusionMatrix) Longs(json, null, row);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("curves");
        foreach (var c in q.Curves)
        {
            json.WriteStartObject();
            json.WriteString("label", c.Label);
            CurveObject(json, "roc", "fpr", "tpr", c.Roc);
            CurveObject(json, "pr", "recall", "precision", c.PrecisionRecall);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("calibration");
        foreach (var c in q.Calibration)
        {
            json.WriteStartObject();
            json.WriteString("label", c.Label);
            WriteNumber(json, "brier_score", c.BrierScore);
            Doubles(json, "mean_predicted", c.MeanPredicted);
            Doubles(json, "fraction_positive", c.FractionPositive);
            Longs(json, "counts", c.Counts);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, RegressionPerformance performance)
    {
        json.WriteStartObject("regression_performance");
        json.WriteString("target", performance.Target);
        json.WriteString("prediction", performance.Prediction);
        json.WritePropertyName("reference");
        Quality(json, performance.Reference);
        json.WritePropertyName("current");
        Quality(json, performance.Current);
        Histogram(json, "error_distribution", performance.ErrorHistogram);
        json.WriteStartArray("error_bias");
        foreach (var bias in performance.ErrorBias)
        {
            json.WriteStartObject();
            json.WriteString("feature", bias.Feature);
            json.WriteString("feature_type", bias.FeatureType);
            Bias(json, "reference", bias.Reference);
            Bias(json, "current", bias.Current);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Quality(Utf8JsonWriter json, RegressionQuality q)
    {
        json.WriteStartObject();
        json.WriteNumber("rows", q.Rows);
        json.WriteNumber("dropped_rows", q.DroppedRows);
        WriteNumber(json, "mean_error", q.MeanError);
        WriteNumber(json, "mean_abs_error", q.MeanAbsError);
        WriteNumber(json, "mean_abs_perc_error", q.MeanAbsPercError);
        WriteNumber(json, "rmse", q.Rmse);
        WriteNumber(json, "r2_score", q.R2Score);
        WriteNumber(json, "abs_error_max", q.AbsErrorMax);
        WriteNumber(json, "error_std", q.ErrorStd);
        WriteNumber(json, "abs_error_std", q.AbsErrorStd);
        WriteNumber(json, "abs_perc_error_std", q.AbsPercErrorStd);
        WriteNumber(json, "error_quantile_5", q.ErrorQuantile5);
        WriteNumber(json, "error_quantile_95", q.ErrorQuantile95);
        json.WriteStartObject("underperformance");
        foreach (var (name, group) in new[] { ("majority", q.Majority), ("underestimation", q.Underestimation), ("overestimation", q.Overestimation) })
        {
            json.WriteStartObject(name);
            WriteNumber(json, "mean_error", group.MeanError);
            WriteNumber(json, "std_error", group.StdError);
            json.WriteNumber("rows", group.Rows);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Bias(Utf8JsonWriter json, string name, BiasValues values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in new[] { ("majority", values.Majority), ("under", values.Under), ("over", values.Over) })
        {
            switch (value)
            {
                case double d: WriteNumber(json, key, d); break;
                case string s: json.WriteString(key, s); break;
                default: json.WriteNull(key); break;
            }
        }
        WriteNumber(json, "range", values.Range);
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, TargetCorrelations correlations)
    {
        json.WriteStartObject("target_correlations");
        json.WriteString("target", correlations.Target);
        json.WriteStartArray("features");
        foreach (var f in correlations.Features)
        {
            json.WriteStartObject();
            json.WriteString("feature", f.Feature);
            json.WriteString("method", f.Method);
            WriteNumber(json, "reference", f.Reference);
            WriteNumber(json, "current", f.Current);
            WriteNumber(json, "difference", f.Difference);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Averaged(Utf8JsonWriter json, string name, AveragedScores scores)
    {
        json.WriteStartObject(name);
        WriteNumber(json, "precision", scores.Precision);
        WriteNumber(json, "recall", scores.Recall);
        WriteNumber(json, "f1", scores.F1);
        json.WriteEndObject();
    }

    private static void CurveObject(Utf8JsonWriter json, string name, string x, string y, Curve curve)
    {
        json.WriteStartObject(name);
        Doubles(json, x, curve.X);
        Doubles(json, y, curve.Y);
        Doubles(json, "thresholds", curve.Thresholds);
        json.WriteEndObject();
    }

    private static void Histogram(Utf8JsonWriter json, string name, Distribution distribution)
    {
        json.WriteStartObject(name);
        Doubles(json, "edges", distribution.Edges ?? []);
        Longs(json, "reference", distribution.ReferenceCounts);
        Longs(json, "current", distribution.CurrentCounts);
        json.WriteEndObject();
    }

    private static void Doubles(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v)) json.WriteNumberValue(v);
            else json.WriteNullValue();
        }
        json.WriteEndArray();
    }

    private static void Longs(Utf8JsonWriter json, string? name, IEnumerable<long> values)
    {
        if (name is null) json.WriteStartArray();
        else json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
