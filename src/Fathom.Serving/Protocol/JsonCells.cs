using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fathom.Serving.Protocol;

/// <summary>
/// Adds one JSON value to a column. A column's kind comes from its first value, with pandas' leniency: a number
/// arriving in a text column is kept as its text, a numeric string in a numeric column is parsed; only text that is
/// not a number in a numeric column is an error (naming the column and the 1-based row).
/// </summary>
internal static class JsonCells
{
    private static readonly SearchValues<byte> NonIntegralMarks = SearchValues.Create(".eE"u8);

    public static void Add(ref Utf8JsonReader reader, ColumnAccumulator column, int row)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                column.AddMissing();
                break;
            case JsonTokenType.Number:
                AddNumber(ref reader, column);
                break;
            case JsonTokenType.String:
                AddString(ref reader, column, row);
                break;
            case JsonTokenType.True:
                AddText(column, "true", row);
                break;
            case JsonTokenType.False:
                AddText(column, "false", row);
                break;
            default:
                throw ScoringErrors.Cell(column.Name, row, "nested arrays and objects are not supported; send one value per cell");
        }
    }

    private static void AddNumber(ref Utf8JsonReader reader, ColumnAccumulator column)
    {
        var raw = reader.ValueSpan;
        var added = ShortDecimal.TryParse(raw, out var value, out var integral)
            ? column.TryAddNumber(value, integral)
            : column.TryAddNumber(reader.GetDouble(), raw.IndexOfAny(NonIntegralMarks) < 0);
        if (added) return;
        Span<char> text = stackalloc char[raw.Length];
        var length = Encoding.UTF8.GetChars(raw, text);
        column.TryAddText(text[..length]);
    }

    private static void AddString(ref Utf8JsonReader reader, ColumnAccumulator column, int row)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length <= 256)
        {
            Span<char> buffer = stackalloc char[256];
            var written = reader.CopyString(buffer);
            AddText(column, buffer[..written], row);
        }
        else
        {
            AddText(column, reader.GetString(), row);
        }
    }

    private static void AddText(ColumnAccumulator column, ReadOnlySpan<char> text, int row)
    {
        if (column.TryAddText(text)) return;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            column.TryAddNumber(number, text.IndexOfAny(".eE") < 0);
            return;
        }
        var shown = text.Length <= 40 ? text.ToString() : $"{text[..40]}...";
        throw ScoringErrors.Cell(column.Name, row, $"expected a number like the rows before it, found '{shown}'");
    }
}
