using System.Text.Json;
using Fathom.Core.Tables;

namespace Fathom.Serving.Protocol;

/// <summary>
/// TF-serving style payloads as MLflow reads them: <c>instances</c> is a list of rows (objects, arrays or bare values);
/// <c>inputs</c> is either the same or a dictionary of column name to a list of values (or one value for one row).
/// </summary>
internal static class TensorJson
{
    public static DataTable ReadInstances(ref Utf8JsonReader reader, IReadOnlyList<string>? inputNames)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw ScoringErrors.Invalid($"'instances' must be a list. Got {DataFrameJson.Describe(reader.TokenType)}.");
        var table = new TableAccumulator(inputNames);
        RowsJson.Read(ref reader, table, inputNames);
        return table.Build();
    }

    public static DataTable ReadInputs(ref Utf8JsonReader reader, IReadOnlyList<string>? inputNames)
    {
        if (reader.TokenType == JsonTokenType.StartArray) return ReadInstances(ref reader, inputNames);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // One bare value for a one-input model: one row.
            var single = new TableAccumulator();
            var column = single.Declare(inputNames is { Count: 1 } ? inputNames[0] : "0");
            JsonCells.Add(ref reader, column, 1);
            single.EndRow();
            return single.Build();
        }
        return ReadColumnar(ref reader, inputNames);
    }

    private static DataTable ReadColumnar(ref Utf8JsonReader reader, IReadOnlyList<string>? inputNames)
    {
        var columns = new List<ColumnAccumulator>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = TableAccumulator.KnownName(ref reader, inputNames, columns.Count) ?? reader.GetString()!;
            if (columns.Any(c => c.Name == name)) throw ScoringErrors.Invalid($"Input '{name}' appears more than once.");
            var column = new ColumnAccumulator(name);
            columns.Add(column);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                JsonCells.Add(ref reader, column, 1);
                continue;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                JsonCells.Add(ref reader, column, column.Count + 1);
        }
        if (columns.Count > 0 && columns.Any(c => c.Count != columns[0].Count))
            throw ScoringErrors.Invalid(
                "The length of values for each input/column name are not the same: " +
                string.Join(", ", columns.Select(c => $"'{c.Name}' has {c.Count}")) + ".");
        return new DataTable(columns.Select(c => c.Build()));
    }
}
