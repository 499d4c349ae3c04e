using System.Globalization;
using System.Text.Json;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Serving.Protocol;

namespace Fathom.Serving.OpenInference;

/// <summary>
/// Reads <c>POST /v2/models/{name}/infer</c> bodies (KServe / Triton JSON). Tabular models take one tensor per column,
/// shape <c>[N]</c> or <c>[N, 1]</c>, named as the column; or a single <c>[N, k]</c> tensor whose k values per row
/// are the model's k inputs in signature order. <c>data</c> may be flat or nested row-major.
/// </summary>
internal static class V2RequestReader
{
    private static readonly HashSet<string> Datatypes =
        ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES"];

    public static V2Request Read(ReadOnlySpan<byte> json, IReadOnlyList<string>? inputNames)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Bad("the body must be a JSON object with 'inputs'");
            string? id = null;
            var columns = new List<ColumnAccumulator>();
            var sawInputs = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw Bad("'id' must be a string");
                }
                else if (reader.ValueTextEquals("inputs"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray) throw Bad("'inputs' must be a list of tensors");
                    sawInputs = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) ReadTensor(ref reader, columns, inputNames);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            while (reader.Read()) { }
            if (!sawInputs || columns.Count == 0) throw Bad("'inputs' must hold at least one tensor");
            var rows = columns[0].Count;
            var uneven = columns.FirstOrDefault(c => c.Count != rows);
            if (uneven is not null) throw Bad($"input '{uneven.Name}' has {uneven.Count} rows but '{columns[0].Name}' has {rows}");
            return new V2Request(id, new DataTable(columns.Select(c => c.Build())));
        }
        catch (JsonException e)
        {
            throw Bad($"the body is not valid JSON: {e.Message}");
        }
    }

    private static void ReadTensor(ref Utf8JsonReader reader, List<ColumnAccumulator> columns, IReadOnlyList<string>? inputNames)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Bad("each input must be an object with name, shape, datatype and data");
        string? name = null, datatype = null;
        var shape = new List<long>(2);
        var data = default(Utf8JsonReader);
        var hasData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            reader.Read();
            switch (key)
            {
                case "name": name = reader.GetString(); break;
                case "datatype": datatype = reader.GetString(); break;
                case "shape":
                    if (reader.TokenType != JsonTokenType.StartArray) throw Bad("'shape' must be a list of integers");
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) shape.Add(reader.GetInt64());
                    break;
                case "data":
                    data = reader;
                    hasData = true;
                    reader.Skip();
                    break;
                default: reader.Skip(); break;
            }
        }
        if (string.IsNullOrEmpty(name)) throw Bad("an input has no 'name'");
        if (datatype is null || !Datatypes.Contains(datatype)) throw Bad($"input '{name}' has datatype '{datatype}'; expected one of {string.Join(", ", Datatypes)}");
        if (!hasData) throw Bad($"input '{name}' has no 'data'");
        if (shape.Count is 0 or > 2 || shape.Any(d => d < 0)) throw Bad($"input '{name}' has shape [{string.Join(", ", shape)}]; tabular models take [N] or [N, k]");

        var width = shape.Count == 2 ? (int)shape[1] : 1;
        var targets = new ColumnAccumulator[width];
        if (width == 1) targets[0] = Add(columns, name);
        else
        {
            if (inputNames is null || inputNames.Count != width)
                throw Bad($"input '{name}' has {width} values per row but the model takes {inputNames?.Count ?? 0} inputs; send one [N] tensor per input instead");
            for (var i = 0; i < width; i++) targets[i] = Add(columns, inputNames[i]);
        }
        var count = ReadFlat(ref data, targets, 0);
        if (count != shape[0] * width) throw Bad($"input '{name}' has {count} values but shape [{string.Join(", ", shape)}] needs {shape[0] * width}");
    }

    private static int ReadFlat(ref Utf8JsonReader reader, ColumnAccumulator[] targets, int index)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Bad("'data' must be a list");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                index = ReadFlat(ref reader, targets, index);
                continue;
            }
            var column = targets[index % targets.Length];
            JsonCells.Add(ref reader, column, index / targets.Length + 1);
            index++;
        }
        return index;
    }

    private static ColumnAccumulator Add(List<ColumnAccumulator> columns, string name)
    {
        if (columns.Any(c => c.Name == name)) throw Bad($"input '{name}' is given twice");
        var column = new ColumnAccumulator(name);
        columns.Add(column);
        return column;
    }

    private static FathomException Bad(string problem) =>
        FathomException.BadRequest(char.ToUpper(problem[0], CultureInfo.InvariantCulture) + problem[1..] + ".");
}
