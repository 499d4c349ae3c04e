using System.Buffers;
using System.Text;
using System.Text.Json;
using Fathom.Core.Errors;

namespace Fathom.Core.Tables.Readers;

/// <summary>
/// Reads a JSON array of flat objects or JSON lines (one object per line). Columns are the union of the keys in
/// order of first appearance; an absent key or <c>null</c> is missing. Numbers are numeric, strings are text unless
/// the column's first string is an ISO date/date-time (then every value must be one), booleans are the categories
/// "true"/"false". A value of another kind than the column's first is an error naming file, row and column.
/// </summary>
internal static class JsonTableReader
{
    private static readonly SearchValues<byte> NonIntegralMarks = SearchValues.Create(".eE"u8);

    public static DataTable Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        var state = new State(path);
        try
        {
            if (!reader.Read()) return state.Build();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) ReadRow(ref reader, state);
                if (reader.Read()) throw FathomException.InvalidParameter($"{path}: unexpected content after the top-level array.");
            }
            else
            {
                do ReadRow(ref reader, state);
                while (reader.Read());
            }
        }
        catch (JsonException e)
        {
            throw FathomException.InvalidParameter($"{path}: not valid JSON near line {e.LineNumber + 1}: {e.Message}");
        }
        return state.Build();
    }

    private static void ReadRow(ref Utf8JsonReader reader, State state)
    {
        state.Row++;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw FathomException.InvalidParameter($"{state.Path}, row {state.Row}: expected an object with one key per column, found {reader.TokenType}.");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            var builder = state.Column(name);
            try
            {
                AddValue(ref reader, builder, state);
            }
            catch (ColumnKindMismatchException e)
            {
                throw FathomException.InvalidParameter($"{state.Path}, row {state.Row}, column '{name}': {e.Message} (the column's first values were {ColumnKindMismatchException.Describe(e.Existing)}).");
            }
        }
        state.EndRow();
    }

    private static void AddValue(ref Utf8JsonReader reader, ColumnBuilder builder, State state)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                builder.AddMissing();
                break;
            case JsonTokenType.Number:
                var span = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                builder.AddNumber(reader.GetDouble(), span.IndexOfAny(NonIntegralMarks) < 0);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                builder.AddText(reader.TokenType == JsonTokenType.True ? "true" : "false");
                break;
            case JsonTokenType.String:
                var text = reader.GetString()!;
                if (builder.Kind is ColumnKind.Timestamp or null && ValueParsing.TryTimestamp(text, out var ticks)) builder.AddTicks(ticks);
                else if (builder.Kind == ColumnKind.Timestamp) throw new ColumnKindMismatchException(ColumnKind.Timestamp, ColumnKind.Categorical);
                else builder.AddText(text);
                break;
            default:
                throw FathomException.InvalidParameter($"{state.Path}, row {state.Row}, column '{builder.Name}': nested objects and arrays are not supported; flatten the data first.");
        }
    }

    private sealed class State(string path)
    {
        private readonly Dictionary<string, ColumnBuilder> _byName = new(StringComparer.Ordinal);
        private readonly List<ColumnBuilder> _columns = [];

        public string Path { get; } = path;

        public int Row { get; set; }

        public ColumnBuilder Column(string name)
        {
            if (_byName.TryGetValue(name, out var builder))
            {
                if (builder.Count == Row) throw FathomException.InvalidParameter($"{Path}, row {Row}: key '{name}' appears twice.");
                return builder;
            }
            builder = new ColumnBuilder(name);
            for (var i = 1; i < Row; i++) builder.AddMissing();
            _byName.Add(name, builder);
            _columns.Add(builder);
            return builder;
        }

        public void EndRow()
        {
            foreach (var builder in _columns) if (builder.Count < Row) builder.AddMissing();
        }

        public DataTable Build() => new(_columns.Select(b => b.Build()));
    }
}
