using System.Text.Json;
using Fathom.Monitoring.Quality;
using static Fathom.Monitoring.Reports.ReportJsonWriter;

namespace Fathom.Monitoring.Reports;

/// <summary>The "data_quality" section of the JSON report.</summary>
internal static class QualityJson
{
    public static void Write(Utf8JsonWriter json, DataQualityResult quality)
    {
        json.WriteStartObject("data_quality");
        WriteDataset(json, "reference", quality.Reference);
        WriteDataset(json, "current", quality.Current);
        json.WriteStartArray("columns");
        foreach (var column in quality.Columns) WriteColumn(json, column);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    internal static void WriteDataset(Utf8JsonWriter json, string name, DatasetSummary dataset)
    {
        json.WriteStartObject(name);
        json.WriteNumber("rows", dataset.Rows);
        json.WriteNumber("columns", dataset.Columns);
        json.WriteNumber("missing_cells", dataset.MissingCells);
        WriteNumber(json, "missing_cells_share", dataset.MissingCellsShare);
        json.WriteNumber("duplicated_rows", dataset.DuplicatedRows);
        json.WriteStartArray("duplicated_columns");
        foreach (var group in dataset.DuplicatedColumns)
        {
            json.WriteStartArray();
            foreach (var column in group) json.WriteStringValue(column);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        WriteStrings(json, "constant_columns", dataset.ConstantColumns);
        WriteStrings(json, "almost_constant_columns", dataset.AlmostConstantColumns);
        json.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter json, ColumnQuality column)
    {
        json.WriteStartObject();
        json.WriteString("column", column.Column);
        json.WriteString("column_type", column.ColumnType);
        WriteSummary(json, "reference", column.Reference, column.ReferenceOutliers);
        WriteSummary(json, "current", column.Current, column.CurrentOutliers);
        if (column.OutOfRangeCount is { } outside)
        {
            json.WriteNumber("current_out_of_reference_range_count", outside);
            WriteNumber(json, "current_out_of_reference_range_share", column.OutOfRangeShare);
        }
        if (column.NewCategories is { } fresh)
        {
            WriteStrings(json, "new_categories", fresh);
            json.WriteNumber("new_category_rows", column.NewCategoryRows ?? 0);
            WriteStrings(json, "missing_categories", column.MissingCategories ?? []);
        }
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, string name, ColumnSummary summary, OutlierCounts? outliers)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", summary.Count);
        json.WriteNumber("missing_count", summary.MissingCount);
        WriteNumber(json, "missing_share", summary.MissingShare);
        json.WriteNumber("unique_count", summary.UniqueCount);
        json.WriteBoolean("constant", summary.IsConstant);
        json.WriteBoolean("almost_constant", summary.IsAlmostConstant);
        json.WriteStartArray("most_common");
        foreach (var value in summary.MostCommon)
        {
            json.WriteStartObject();
            json.WriteString("value", value.Value);
            json.WriteNumber("count", value.Count);
            WriteNumber(json, "share", value.Share);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (summary.Numeric is { } n)
        {
            WriteNumber(json, "min", n.Min);
            WriteNumber(json, "max", n.Max);
            WriteNumber(json, "mean", n.Mean);
            WriteNumber(json, "std", n.Std);
            WriteNumber(json, "p25", n.P25);
            WriteNumber(json, "p50", n.P50);
            WriteNumber(json, "p75", n.P75);
        }
        if (summary.First is not null)
        {
            json.WriteString("first", summary.First);
            json.WriteString("last", summary.Last);
        }
        if (outliers is not null)
        {
            json.WriteNumber("iqr_outliers", outliers.IqrCount);
            WriteNumber(json, "iqr_outliers_share", outliers.IqrShare);
            json.WriteNumber("zscore_outliers", outliers.ZScoreCount);
            WriteNumber(json, "zscore_outliers_share", outliers.ZScoreShare);
        }
        json.WriteEndObject();
    }
}
