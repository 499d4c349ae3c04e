using System.Text.Json;
using Fathom.Core.Tables;

namespace Fathom.Serving.Protocol;

/// <summary>
/// Parses MLflow's JSON scoring payloads (<c>dataframe_split</c>, <c>dataframe_records</c>, <c>instances</c>,
/// <c>inputs</c>, optional <c>params</c>) with one forward pass of <see cref="Utf8JsonReader"/> straight into column
/// arrays: no document tree, no row objects. <paramref name="inputNames"/> (the signature's input columns in order)
/// names positional data: rows given as arrays, or bare values for a one-input model. The usual numeric
/// <c>dataframe_split</c> is scanned without the reader first (<see cref="NumericSplitReader"/>).
/// </summary>
internal static class ScoringJsonParser
{
    public static ScoringInput Parse(ReadOnlySpan<byte> json, IReadOnlyList<string>? inputNames)
    {
        if (NumericSplitReader.TryRead(json, inputNames) is { } numbers) return new ScoringInput(numbers, null, "dataframe_split");
        try
        {
            return ParseInOnePass(json, inputNames);
        }
        catch (Exception)
        {
            // Whatever the one pass could not take, the checked parse answers (and words the error) as it always did.
            return ParseChecked(json, inputNames);
        }
    }

    /// <summary>
    /// The usual request, read in one pass: the data is parsed where the reader meets it, instead of first skipping
    /// over the whole body to check its keys and then reading the data again (three passes over a dataframe_split's
    /// rows). It throws on anything the checked parse would treat differently (a second input field, dataframe_split
    /// keys out of the usual order, any error); <see cref="Parse"/> then parses again with <see cref="ParseChecked"/>,
    /// so errors and unusual payloads are answered exactly as before.
    /// </summary>
    internal static ScoringInput ParseInOnePass(ReadOnlySpan<byte> json, IReadOnlyList<string>? inputNames)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw NotOnePass();
        string? format = null;
        DataTable? table = null;
        IReadOnlyDictionary<string, JsonElement>? parameters = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var next = FormatOf(ref reader);
            var isParams = reader.ValueTextEquals("params"u8);
            reader.Read();
            if (isParams) parameters = ReadParams(ref reader);
            else if (next is not null)
            {
                if (format is not null) throw NotOnePass();
                format = next;
                table = next switch
                {
                    "dataframe_split" => DataFrameJson.ReadSplitInOnePass(ref reader, inputNames),
                    "dataframe_records" => DataFrameJson.ReadRecords(ref reader, inputNames),
                    "instances" => TensorJson.ReadInstances(ref reader, inputNames),
                    _ => TensorJson.ReadInputs(ref reader, inputNames),
                };
            }
            reader.Skip();
        }
        while (reader.Read()) { }
        if (format is null || table is null) throw NotOnePass();
        return new ScoringInput(table, parameters, format);
    }

    internal static InvalidOperationException NotOnePass() => new("The payload needs the checked parse.");

    /// <summary>Every payload, errors included: the keys are checked first, then the data is read.</summary>
    internal static ScoringInput ParseChecked(ReadOnlySpan<byte> json, IReadOnlyList<string>? inputNames)
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
