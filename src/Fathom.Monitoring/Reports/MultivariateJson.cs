using System.Text.Json;
using Fathom.Monitoring.Multivariate;
using static Fathom.Monitoring.Reports.ReportJsonWriter;

namespace Fathom.Monitoring.Reports;

/// <summary>The "multivariate" section of the JSON report (docs/monitoring-reports.md). A part the data could not support is null.</summary>
internal static class MultivariateJson
{
    public static void Write(Utf8JsonWriter json, MultivariateDriftResult result)
    {
        json.WriteStartObject("multivariate");
        WriteStrings(json, "features", result.Features);
        WriteStrings(json, "notes", result.Notes);
        json.WritePropertyName("pca_reconstruction_error");
        if (result.Pca is { } pca)
        {
            json.WriteStartObject();
            WriteScore(json, pca.Error);
            json.WriteNumber("components", pca.Components);
            WriteNumber(json, "explained_variance", pca.ExplainedVariance);
            json.WriteEndObject();
        }
        else json.WriteNullValue();
        json.WritePropertyName("mahalanobis_distance");
        if (result.Mahalanobis is { } m)
        {
            json.WriteStartObject();
            WriteScore(json, m.Distance);
            WriteNumber(json, "quantile", m.Quantile);
            WriteNumber(json, "squared_distance_limit", m.SquaredDistanceLimit);
            WriteNumber(json, "share_beyond", m.ShareBeyond);
            WriteNumber(json, "reference_share_beyond", m.ReferenceShareBeyond);
            json.WriteBoolean("regularized", m.Regularized);
            json.WriteEndObject();
        }
        else json.WriteNullValue();
        json.WritePropertyName("domain_classifier");
        if (result.DomainClassifier is { } dc)
        {
            json.WriteStartObject();
            WriteNumber(json, "roc_auc", dc.RocAuc);
            WriteNumber(json, "threshold", dc.Threshold);
            json.WriteBoolean("drifted", dc.Drifted);
            json.WriteNumber("reference_rows", dc.ReferenceRows);
            json.WriteNumber("current_rows", dc.CurrentRows);
            json.WriteNumber("folds", dc.Folds);
            json.WriteStartArray("feature_importance");
            foreach (var f in dc.Importance)
            {
                json.WriteStartObject();
                json.WriteString("column", f.Feature);
                WriteNumber(json, "importance", f.Importance);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else json.WriteNullValue();
        json.WritePropertyName("correlation_change");
        if (result.Correlation is { } c)
        {
            json.WriteStartObject();
            WriteNumber(json, "max_abs_change", c.MaxAbsoluteChange);
            WriteNumber(json, "threshold", c.Threshold);
            json.WriteNumber("number_of_changed_pairs", c.ChangedPairs);
            json.WriteBoolean("drifted", c.Drifted);
            json.WriteStartArray("pairs");
            foreach (var pair in c.Pairs)
            {
                json.WriteStartObject();
                json.WriteString("column", $"{pair.First}|{pair.Second}");
                WriteNumber(json, "reference", pair.Reference);
                WriteNumber(json, "current", pair.Current);
                WriteNumber(json, "change", pair.Change);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else json.WriteNullValue();
        json.WriteEndObject();
    }

    private static void WriteScore(Utf8JsonWriter json, ChunkedScore score)
    {
        WriteNumber(json, "value", score.Value);
        WriteNumber(json, "reference_value", score.ReferenceValue);
        WriteNumber(json, "lower_threshold", score.LowerThreshold);
        WriteNumber(json, "upper_threshold", score.UpperThreshold);
        json.WriteBoolean("drifted", score.Drifted);
    }
}
