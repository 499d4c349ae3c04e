using System.Text.Json;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Quality;

namespace Fathom.Monitoring.Reports;

/// <summary>
/// Writes a report as JSON in the documented, stable schema (docs/monitoring-reports.md). Keys are snake_case in a
/// fixed order; a number that is not finite (no value to compute from) is written as null.
/// </summary>
public static class ReportJsonWriter
{
    public const int SchemaVersion = 1;

    public static void Write(MonitoringReport report, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schema_version", SchemaVersion);
        json.WriteString("preset", report.Preset.ToString().ToLowerInvariant());
        json.WriteString("generated_at", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        json.WriteStartObject("reference");
        json.WriteNumber("rows", report.ReferenceRows);
        json.WriteEndObject();
        json.WriteStartObject("current");
        json.WriteNumber("rows", report.CurrentRows);
        json.WriteEndObject();
        WriteDefinition(json, report.Definition);
        if (report.DataDrift is { } drift) WriteDataDrift(json, drift);
        if (report.TargetDrift is { } target) { json.WritePropertyName("target_drift"); WriteColumnDrift(json, target); }
        if (report.PredictionDrift is { } prediction) { json.WritePropertyName("prediction_drift"); WriteColumnDrift(json, prediction); }
        if (report.Multivariate is { } multivariate) MultivariateJson.Write(json, multivariate);
        if (report.TargetCorrelations is { } correlations) PerformanceJson.Write(json, correlations);
        if (report.DataQuality is { } quality) QualityJson.Write(json, quality);
        if (report.Classification is { } classification) PerformanceJson.Write(json, classification);
        if (report.Regression is { } regression) PerformanceJson.Write(json, regression);
        if (report.Windows is { } windows) WindowsJson.Write(json, windows);
        json.WriteEndObject();
    }

    public static string ToJson(MonitoringReport report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDefinition(Utf8JsonWriter json, DataDefinition definition)
    {
        json.WriteStartObject("column_mapping");
        WriteNullable(json, "target", definition.Target?.Name);
        WriteNullable(json, "prediction", definition.Prediction?.Name);
        WriteStrings(json, "prediction_probabilities", definition.PredictionProbabilities.Select(p => p.Name));
        WriteNullable(json, "id", definition.Id);
        WriteNullable(json, "timestamp", definition.Timestamp);
        WriteNullable(json, "task", definition.Task);
        WriteStrings(json, "numerical_features", definition.Features.Where(f => f.Type == FeatureType.Numerical).Select(f => f.Name));
        WriteStrings(json, "categorical_features", definition.Features.Where(f => f.Type == FeatureType.Categorical).Select(f => f.Name));
        WriteStrings(json, "datetime_features", definition.Features.Where(f => f.Type == FeatureType.Datetime).Select(f => f.Name));
        json.WriteEndObject();
    }

    private static void WriteDataDrift(Utf8JsonWriter json, DataDriftResult drift)
    {
        json.WriteStartObject("data_drift");
        json.WriteStartArray("columns");
        foreach (var column in drift.Columns) WriteColumnDrift(json, column);
        json.WriteEndArray();
        json.WriteNumber("number_of_columns", drift.Columns.Count);
        json.WriteNumber("number_of_drifted_columns", drift.NumberOfDriftedColumns);
        WriteNumber(json, "share_of_drifted_columns", drift.ShareOfDriftedColumns);
        json.WriteBoolean("dataset_drift", drift.DatasetDrift);
        WriteNumber(json, "drift_share", drift.DriftShare);
        json.WriteEndObject();
    }

    private static void WriteColumnDrift(Utf8JsonWriter json, ColumnDrift column)
    {
        json.WriteStartObject();
        json.WriteString("column", column.Column);
        json.WriteString("column_type", column.ColumnType);
        json.WriteString("test", column.Test);
        WriteNumber(json, "statistic", column.Statistic);
        WriteNumber(json, "drift_score", column.DriftScore);
        WriteNumber(json, "threshold", column.Threshold);
        json.WriteBoolean("drifted", column.Drifted);
        if (column.Note is not null) json.WriteString("note", column.Note);
        json.WriteStartObject("distribution");
        if (column.Distribution.Edges is { } edges) WriteNumbers(json, "edges", edges);
        if (column.Distribution.Labels is { } labels) WriteStrings(json, "labels", labels);
        WriteCounts(json, "reference", column.Distribution.ReferenceCounts);
        WriteCounts(json, "current", column.Distribution.CurrentCounts);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    internal static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

    internal static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) WriteNumber(json, name, v);
        else json.WriteNull(name);
    }

    internal static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    internal static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteNumberValue(value);
        json.WriteEndArray();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, long[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteNumberValue(value);
        json.WriteEndArray();
    }
}
