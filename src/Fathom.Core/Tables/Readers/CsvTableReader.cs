using Fathom.Core.Errors;
using Sylvan.Data.Csv;

namespace Fathom.Core.Tables.Readers;

/// <summary>
/// Reads a CSV file with a header row. Column kinds are inferred from the first <see cref="SampleRows"/> rows:
/// a column whose non-missing values all parse as numbers is numeric, all ISO dates/date-times is a timestamp,
/// anything else is text (categorical). A later value that does not fit the inferred kind is an error naming the
/// file, row and column: silently turning a numeric column into text would change every statistic computed on it.
/// </summary>
internal static class CsvTableReader
{
    public const int SampleRows = 1000;

    public static DataTable Read(string path)
    {
        using var reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 });
        var builders = Enumerable.Range(0, reader.FieldCount).Select(i => new ColumnBuilder(HeaderName(reader, i, path))).ToArray();
        var sample = new List<string[]>();
        while (sample.Count < SampleRows && reader.Read())
        {
            var row = new string[builders.Length];
            for (var i = 0; i < row.Length; i++) row[i] = i < reader.RowFieldCount ? reader.GetString(i) : "";
            sample.Add(row);
        }
        for (var i = 0; i < builders.Length; i++)
        {
            var kind = InferKind(sample, i);
            if (kind is not null) builders[i].Fix(kind.Value);
        }
        var rowNumber = 0;
        foreach (var row in sample)
        {
            rowNumber++;
            for (var i = 0; i < builders.Length; i++) Add(builders[i], row[i], path, rowNumber);
        }
        while (reader.Read())
        {
            rowNumber++;
            var fields = reader.RowFieldCount;
            for (var i = 0; i < builders.Length; i++) Add(builders[i], i < fields ? reader.GetFieldSpan(i) : default, path, rowNumber);
        }
        return new DataTable(builders.Select(b => b.Build()));
    }

    private static string HeaderName(CsvDataReader reader, int i, string path)
    {
        var name = reader.GetName(i);
        return string.IsNullOrWhiteSpace(name)
            ? throw FathomException.InvalidParameter($"{path}: column {i + 1} of the header row has no name.")
            : name;
    }

    private static ColumnKind? InferKind(List<string[]> sample, int column)
    {
        bool any = false, allNumbers = true, allTimestamps = true;
        foreach (var row in sample)
        {
            var text = row[column].AsSpan();
            if (ValueParsing.IsMissing(text)) continue;
            any = true;
            allNumbers &= ValueParsing.TryNumber(text, out _, out _);
            allTimestamps &= !allNumbers && ValueParsing.TryTimestamp(text, out _);
            if (!allNumbers && !allTimestamps) return ColumnKind.Categorical;
        }
        if (!any) return null;
        return allNumbers ? ColumnKind.Numeric : ColumnKind.Timestamp;
    }

    private static void Add(ColumnBuilder builder, ReadOnlySpan<char> text, string path, int row)
    {
        if (ValueParsing.IsMissing(text))
        {
            builder.AddMissing();
            return;
        }
        switch (builder.Kind)
        {
            case ColumnKind.Categorical:
                builder.AddText(text);
                return;
            case ColumnKind.Numeric when ValueParsing.TryNumber(text, out var number, out var integral):
                builder.AddNumber(number, integral);
                return;
            case ColumnKind.Timestamp when ValueParsing.TryTimestamp(text, out var ticks):
                builder.AddTicks(ticks);
                return;
            case null:
                // Every sampled value was missing: the first value decides, by the same rule as the sample.
                if (ValueParsing.TryNumber(text, out var first, out var firstIntegral)) builder.AddNumber(first, firstIntegral);
                else if (ValueParsing.TryTimestamp(text, out var firstTicks)) builder.AddTicks(firstTicks);
                else builder.AddText(text);
                return;
            default:
                throw FathomException.InvalidParameter(
                    $"{path}, row {row}, column '{builder.Name}': '{Shorten(text)}' is not " +
                    $"{ColumnKindMismatchException.Describe(builder.Kind.Value)}, but the column's first values were " +
                    "(fix the value, or leave it empty to mark it missing).");
        }
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : $"{text[..40]}...";
}
