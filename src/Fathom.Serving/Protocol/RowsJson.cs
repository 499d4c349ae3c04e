using System.Globalization;
using System.Text.Json;

namespace Fathom.Serving.Protocol;

/// <summary>
/// Reads a JSON array of rows into a <see cref="TableAccumulator"/>. A row is an object (column name to value), an
/// array (values by position), or a bare value (a one-column table). Positional values take the table's declared
/// columns, else the model's input names, else pandas' default names "0", "1", ...
/// </summary>
internal static class RowsJson
{
    public static void Read(ref Utf8JsonReader reader, TableAccumulator table, IReadOnlyList<string>? inputNames)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var row = table.Rows + 1;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    ReadRecord(ref reader, table, row);
                    break;
                case JsonTokenType.StartArray:
                    ReadPositional(ref reader, table, inputNames, row);
                    break;
                default:
                    if (table.ColumnCount == 0) DeclarePositional(table, inputNames, 1, row);
                    if (table.ColumnCount != 1)
                        throw ScoringErrors.Invalid($"Row {row} is a single value but the table has {table.ColumnCount} columns.");
                    JsonCells.Add(ref reader, table[0], row);
                    break;
            }
            table.EndRow();
        }
    }

    private static void ReadRecord(ref Utf8JsonReader reader, TableAccumulator table, int row)
    {
        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var column = table.Column(ref reader, position++);
            if (column.Count >= row) throw ScoringErrors.Invalid($"Row {row}: key '{column.Name}' appears twice.");
            reader.Read();
            JsonCells.Add(ref reader, column, row);
        }
    }

    private static void ReadPositional(ref Utf8JsonReader reader, TableAccumulator table, IReadOnlyList<string>? inputNames, int row)
    {
        var index = 0;
        if (table.ColumnCount == 0)
        {
            var start = reader;
            DeclarePositional(table, inputNames, CountValues(ref start), row);
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index >= table.ColumnCount) throw WidthMismatch(table, row);
            JsonCells.Add(ref reader, table[index++], row);
        }
        if (index != table.ColumnCount) throw WidthMismatch(table, row);
    }

    private static int CountValues(ref Utf8JsonReader reader)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }
        return count;
    }

    private static void DeclarePositional(TableAccumulator table, IReadOnlyList<string>? inputNames, int width, int row)
    {
        if (inputNames is not null && inputNames.Count != width)
            throw ScoringErrors.Invalid(
                $"Row {row} has {width} values by position but the model takes {inputNames.Count} inputs ({string.Join(", ", inputNames)}); send them in that order or name them.");
        for (var i = 0; i < width; i++) table.Declare(inputNames?[i] ?? i.ToString(CultureInfo.InvariantCulture));
    }

    private static Fathom.Core.Errors.FathomException WidthMismatch(TableAccumulator table, int row) =>
        ScoringErrors.Invalid($"Row {row} does not have {table.ColumnCount} values, one per column.");
}
