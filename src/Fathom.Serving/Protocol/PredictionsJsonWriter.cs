using System.Text.Json;
using Fathom.Core.Tables;
using Fathom.Models;

namespace Fathom.Serving.Protocol;

/// <summary>
/// Writes <c>{"predictions": ...}</c> as MLflow's scoring server does: a model with one output returns a list of
/// values (pandas Series / numpy array), a model with several returns a list of records (a DataFrame with
/// <c>orient="records"</c>). Per-class scores become one list per row.
/// </summary>
internal static class PredictionsJsonWriter
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<Column> columns, ScoreMatrix? scores)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("predictions"u8);
        WriteValues(writer, columns, scores);
        writer.WriteEndObject();
    }

    public static void WriteValues(Utf8JsonWriter writer, IReadOnlyList<Column> columns, ScoreMatrix? scores)
    {
        var rows = columns.Count > 0 ? columns[0].Length : scores?.RowCount ?? 0;
        writer.WriteStartArray();
        if (columns.Count == 1 && scores is null)
        {
            for (var row = 0; row < rows; row++) WriteCell(writer, columns[0], row);
        }
        else
        {
            for (var row = 0; row < rows; row++)
            {
                writer.WriteStartObject();
                foreach (var column in columns)
                {
                    writer.WritePropertyName(column.Name);
                    WriteCell(writer, column, row);
                }
                if (scores is not null)
                {
                    writer.WritePropertyName(scores.Name);
                    writer.WriteStartArray();
                    foreach (var value in scores.Row(row)) WriteNumber(writer, value);
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
        }
        writer.WriteEndArray();
    }

    public static void WriteCell(Utf8JsonWriter writer, Column column, int row)
    {
        switch (column)
        {
            case NumericColumn numeric:
                WriteNumber(writer, numeric.Values[row]);
                break;
            case CategoricalColumn categorical when categorical.Codes[row] is var code && code >= 0:
                var text = categorical.Categories[code];
                // Boolean labels are categories "false"/"true"; MLflow returns them as JSON booleans.
                if (categorical.Categories.Count <= 2 && text is "true" or "false") writer.WriteBooleanValue(text == "true");
                else writer.WriteStringValue(text);
                break;
            default:
                if (column.IsMissing(row)) writer.WriteNullValue();
                else writer.WriteStringValue(column.Format(row));
                break;
        }
    }

    // Scores are float32: written as floats they keep their short form (0.25, not 0.25000000372529).
    internal static void WriteNumber(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    internal static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        // Python's json writes NaN for a missing float; strict JSON has no NaN, so null is the portable choice.
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
