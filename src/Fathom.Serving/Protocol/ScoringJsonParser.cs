using System.Text.Json;

namespace Fathom.Serving.Protocol;

/// <summary>
/// Parses MLflow's JSON scoring payloads (<c>dataframe_split</c>, <c>dataframe_records</c>, <c>instances</c>,
/// <c>inputs</c>, optional <c>params</c>) with one forward pass of <see cref="Utf8JsonReader"/> straight into column
/// arrays: no document tree, no row objects. <paramref name="inputNames"/> (the signature's input columns in order)
/// names positional data: rows given as arrays, or bare values for a one-input model.
/// </summary>
internal static class ScoringJsonParser
{
    public static ScoringInput Parse(ReadOnlySpan<byte> json, IReadOnlyList<string>? inputNames)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read()) throw ScoringErrors.Invalid("Ensure that input is a valid JSON formatted string. The body is empty.");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var received = reader.TokenType == JsonTokenType.StartArray ? "Received a list." : $"Received unexpected input type '{reader.TokenType}'.";
                throw ScoringErrors.Invalid($"{ScoringErrors.RequiredFormat}. {received}");
            }
            var formats = new List<string>(1);
            var data = default(Utf8JsonReader);
            IReadOnlyDictionary<string, JsonElement>? parameters = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var format = FormatOf(ref reader);
                var isParams = reader.ValueTextEquals("params"u8);
                reader.Read();
                if (isParams) parameters = ReadParams(ref reader);
                else if (format is not null)
                {
                    formats.Add(format);
                    data = reader;
                }
                reader.Skip();
            }
            // Reading past the end surfaces trailing garbage as the JsonException json.loads would raise.
            while (reader.Read()) { }
            if (formats.Count != 1)
                throw ScoringErrors.Invalid(
                    $"{ScoringErrors.RequiredFormat}. Received dictionary with input fields: [{string.Join(", ", formats.Select(f => $"'{f}'"))}].");

            var table = formats[0] switch
            {
                "dataframe_split" => DataFrameJson.ReadSplit(ref data, inputNames),
                "dataframe_records" => DataFrameJson.ReadRecords(ref data, inputNames),
                "instances" => TensorJson.ReadInstances(ref data, inputNames),
                _ => TensorJson.ReadInputs(ref data, inputNames),
            };
            return new ScoringInput(table, parameters, formats[0]);
        }
        catch (JsonException e)
        {
            throw ScoringErrors.Invalid($"Ensure that input is a valid JSON formatted string. Error: '{e.Message}'");
        }
    }

    private static string? FormatOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("dataframe_split"u8) ? "dataframe_split"
        : reader.ValueTextEquals("dataframe_records"u8) ? "dataframe_records"
        : reader.ValueTextEquals("instances"u8) ? "instances"
        : reader.ValueTextEquals("inputs"u8) ? "inputs"
        : null;

    private static Dictionary<string, JsonElement> ReadParams(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw ScoringErrors.Invalid($"'params' must be a JSON object of parameter names to values, found {reader.TokenType}.");
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var copy = reader;
        foreach (var property in JsonElement.ParseValue(ref copy).EnumerateObject())
            parameters[property.Name] = property.Value;
        return parameters;
    }
}
