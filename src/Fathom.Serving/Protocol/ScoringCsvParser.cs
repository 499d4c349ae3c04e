using System.Globalization;
using System.Text;
using Fathom.Core.Tables;
using Sylvan.Data.Csv;

namespace Fathom.Serving.Protocol;

/// <summary>
/// <c>text/csv</c> bodies as <c>pandas.read_csv</c> reads them: a header row, then one row per line. A column whose
/// non-empty cells all parse as numbers is numeric, any other column is text; empty cells are missing.
/// </summary>
internal static class ScoringCsvParser
{
    public static ScoringInput Parse(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        try
        {
            using var reader = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { HasHeaders = true });
            var cells = new List<string>[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = [];
            while (reader.Read())
            {
                for (var i = 0; i < cells.Length; i++) cells[i].Add(i < reader.RowFieldCount ? reader.GetString(i) : "");
            }
            var columns = new Column[cells.Length];
            for (var i = 0; i < cells.Length; i++) columns[i] = Build(reader.GetName(i), cells[i]);
            return new ScoringInput(new DataTable(columns), null, "csv");
        }
        catch (CsvFormatException e)
        {
            throw ScoringErrors.Invalid(
                $"Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: '{e.Message}'");
        }
    }

    private static Column Build(string name, List<string> cells)
    {
        var column = new ColumnAccumulator(name);
        var numeric = cells.All(c => c.Length == 0 || double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        foreach (var cell in cells)
        {
            if (cell.Length == 0) column.AddMissing();
            else if (numeric) column.TryAddNumber(double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture), cell.AsSpan().IndexOfAny(".eE") < 0);
            else column.TryAddText(cell);
        }
        return column.Build();
    }
}
