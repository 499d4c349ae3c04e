using System.Globalization;
using System.Text.Json;
using Fathom.Core.Tables;

namespace Fathom.Serving.Protocol;

/// <summary>pandas' <c>split</c> and <c>records</c> orientations, as MLflow's <c>dataframe_from_parsed_json</c> reads them.</summary>
internal static class DataFrameJson
{
    public static DataTable ReadSplit(ref Utf8JsonReader reader, IReadOnlyList<string>? inputNames)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw ScoringErrors.Invalid($"Dataframe split format must be a dictionary. Got {Describe(reader.TokenType)}.");
        Utf8JsonReader columns = default, data = default;
        bool hasColumns = false, hasData = false;
        var keys = new List<string>(3);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueTextEquals("columns"u8) ? "columns" : reader.ValueTextEquals("data"u8) ? "data"
                : reader.ValueTextEquals("index"u8) ? "index" : reader.GetString()!;
            keys.Add(key);
            reader.Read();
            if (key == "columns")
            {
                columns = reader;
                hasColumns = true;
            }
            else if (key == "data")
            {
                data = reader;
                hasData = true;
            }
            reader.Skip();
        }
        if (!hasData || keys.Any(k => k is not ("columns" or "data" or "index")))
            throw ScoringErrors.Invalid(
                $"Dataframe split format must have 'data' field and optionally 'columns' and 'index' fields. Got {{{string.Join(", ", keys.Select(k => $"'{k}'"))}}}.");

        var table = new TableAccumulator(inputNames);
        if (hasColumns) DeclareColumns(ref columns, table);
        if (data.TokenType != JsonTokenType.StartArray)
            throw ScoringErrors.Invalid($"'data' of dataframe_split must be a list of rows. Got {Describe(data.TokenType)}.");
        RowsJson.Read(ref data, table, inputNames);
        return table.Build();
    }

    /// <summary>
    /// <see cref="ReadSplit"/> for a split whose <c>columns</c>, when present, come before its <c>data</c> (pandas and
    /// MLflow's client write them so): the rows are read where the reader meets them. Throws
    /// <see cref="ScoringJsonParser.NotOnePass"/> on anything else, for the checked parse to answer.
    /// </summary>
    public static DataTable ReadSplitInOnePass(ref Utf8JsonReader reader, IReadOnlyList<string>? inputNames)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw ScoringJsonParser.NotOnePass();
        var table = new TableAccumulator(inputNames);
        bool hasColumns = false, hasData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isColumns = reader.ValueTextEquals("columns"u8);
            var isData = !isColumns && reader.ValueTextEquals("data"u8);
            if (!isColumns && !isData && !reader.ValueTextEquals("index"u8)) throw ScoringJsonParser.NotOnePass();
            reader.Read();
            if (isColumns)
            {
                if (hasColumns || hasData) throw ScoringJsonParser.NotOnePass();
                hasColumns = true;
                DeclareColumns(ref reader, table);
            }
            else if (isData)
            {
                if (hasData || reader.TokenType != JsonTokenType.StartArray) throw ScoringJsonParser.NotOnePass();
                hasData = true;
                RowsJson.Read(ref reader, table, inputNames);
            }
            else reader.Skip();
        }
        if (!hasData) throw ScoringJsonParser.NotOnePass();
        return table.Build();
    }

    public static DataTable ReadRecords(ref Utf8JsonReader reader, IReadOnlyList<string>? inputNames)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw ScoringErrors.Invalid($"Dataframe records format must be a list of records. Got {Describe(reader.TokenType)}.");
        var table = new TableAccumulator(inputNames);
        RowsJson.Read(ref reader, table, inputNames);
        return table.Build();
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "dictionary",
        JsonTokenType.StartArray => "list",
        JsonTokenType.String => "type <class 'str'>",
        JsonTokenType.Number => "type <class 'float'>",
        JsonTokenType.True or JsonTokenType.False => "type <class 'bool'>",
        _ => "type <class 'NoneType'>",
    };

    private static void DeclareColumns(ref Utf8JsonReader reader, TableAccumulator table)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw ScoringErrors.Invalid($"'columns' of dataframe_split must be a list of column names. Got {Describe(reader.TokenType)}.");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var name = reader.TokenType switch
            {
                JsonTokenType.String => table.NameAt(ref reader),
                // pandas accepts any hashable label; numbers name columns by their text.
                JsonTokenType.Number => reader.GetDouble().ToString(CultureInfo.InvariantCulture),
                _ => throw ScoringErrors.Invalid("'columns' of dataframe_split must hold column names (strings)."),
            };
            table.Declare(name);
        }
    }
}
