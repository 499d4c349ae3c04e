using System.Text.Json;
using Fathom.Models;
using Fathom.Serving.Protocol;

namespace Fathom.Serving.OpenInference;

/// <summary>
/// Writes an inference response: one <c>[N]</c> tensor per output column and, for classifiers, one <c>[N, classes]</c>
/// FP32 tensor of scores with the class labels in its <c>parameters</c>.
/// </summary>
internal static class V2ResponseWriter
{
    public static void Write(Utf8JsonWriter writer, string modelName, string modelVersion, string? id, ModelOutput output)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name"u8, modelName);
        writer.WriteString("model_version"u8, modelVersion);
        if (id is not null) writer.WriteString("id"u8, id);
        writer.WriteStartArray("outputs"u8);
        foreach (var column in output.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, column.Name);
            writer.WriteStartArray("shape"u8);
            writer.WriteNumberValue(column.Length);
            writer.WriteEndArray();
            writer.WriteString("datatype"u8, V2Types.Of(column));
            writer.WriteStartArray("data"u8);
            for (var row = 0; row < column.Length; row++) PredictionsJsonWriter.WriteCell(writer, column, row);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        if (output.Scores is { } scores)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, scores.Name);
            writer.WriteStartArray("shape"u8);
            writer.WriteNumberValue(scores.RowCount);
            writer.WriteNumberValue(scores.ClassCount);
            writer.WriteEndArray();
            writer.WriteString("datatype"u8, "FP32");
            writer.WriteStartObject("parameters"u8);
            writer.WriteStartArray("classes"u8);
            foreach (var label in scores.Classes) writer.WriteStringValue(label);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray("data"u8);
            foreach (var value in scores.Values) PredictionsJsonWriter.WriteNumber(writer, value);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
