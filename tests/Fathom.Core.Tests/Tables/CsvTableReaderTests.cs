using Fathom.Core.Errors;
using Fathom.Core.Tables;

namespace Fathom.Core.Tests.Tables;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Csv_columns_are_inferred_as_numeric_text_and_timestamp()
    {
        var path = _files.Write("t.csv", "when,x,n,label\n2024-01-02,1.5,3,a\n2024-01-03T10:00:00,,4,b\n2024-01-04,2.5,5,a\n");
        var table = TableReader.Read(path);

        Assert.Equal(3, table.RowCount);
        var when = Assert.IsType<TimestampColumn>(table["when"]);
        Assert.Equal(new DateTime(2024, 1, 3, 10, 0, 0).Ticks, when.Ticks[1]);
        var x = Assert.IsType<NumericColumn>(table["x"]);
        Assert.Equal(1.5, x.Values[0]);
        Assert.True(double.IsNaN(x.Values[1]));
        Assert.False(x.IsInteger);
        Assert.Equal(1, x.MissingCount);
        var n = Assert.IsType<NumericColumn>(table["n"]);
        Assert.True(n.IsInteger);
        var label = Assert.IsType<CategoricalColumn>(table["label"]);
        Assert.Equal(["a", "b"], label.Categories);
        Assert.Equal([0, 1, 0], label.Codes.ToArray());
    }

    [Fact]
    public void Csv_pandas_missing_markers_are_missing_values()
    {
        var path = _files.Write("t.csv", "x,y\nNA,a\n1,null\nNaN,\n2,None\n");
        var table = TableReader.Read(path);

        Assert.Equal(2, table["x"].MissingCount);
        Assert.Equal(3, table["y"].MissingCount);
        Assert.Equal(ColumnKind.Numeric, table["x"].Kind);
    }

    [Fact]
    public void Csv_mixed_values_within_the_sample_make_a_text_column()
    {
        var path = _files.Write("t.csv", "x\n1\n2\nthree\n");

        var x = Assert.IsType<CategoricalColumn>(TableReader.Read(path)["x"]);
        Assert.Equal(["1", "2", "three"], x.Categories);
    }

    [Fact]
    public void Csv_text_in_a_numeric_column_after_the_sample_names_file_row_and_column()
    {
        var rows = string.Concat(Enumerable.Range(0, 1500).Select(i => $"{i},k\n"));
        var path = _files.Write("late.csv", "amount,kind\n" + rows + "oops,k\n");

        var error = Assert.Throws<FathomException>(() => TableReader.Read(path));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, error.Code);
        Assert.Contains("late.csv, row 1501, column 'amount'", error.Message);
        Assert.Contains("'oops' is not a number", error.Message);
    }

    [Fact]
    public void Csv_column_empty_in_the_sample_takes_the_kind_of_its_first_value()
    {
        var rows = string.Concat(Enumerable.Range(0, 1200).Select(i => i < 1100 ? $"{i},\n" : $"{i},{i}.5\n"));
        var path = _files.Write("t.csv", "a,b\n" + rows);

        var b = Assert.IsType<NumericColumn>(TableReader.Read(path)["b"]);
        Assert.Equal(1100, b.MissingCount);
        Assert.Equal(1150.5, b.Values[1150]);
    }

    [Fact]
    public void Csv_seattle_weather_reads_every_row_with_the_expected_kinds()
    {
        var table = TableReader.Read(TestFiles.SharedData("seattle-weather.csv"));

        Assert.Equal(1461, table.RowCount);
        Assert.Equal(["date", "precipitation", "temp_max", "temp_min", "wind", "weather"], table.ColumnNames);
        Assert.Equal(ColumnKind.Timestamp, table["date"].Kind);
        Assert.Equal(ColumnKind.Numeric, table["wind"].Kind);
        var weather = Assert.IsType<CategoricalColumn>(table["weather"]);
        Assert.Equal(5, weather.Categories.Count);
    }

    [Fact]
    public void Unknown_extension_is_a_clear_error()
    {
        var path = _files.Write("t.xlsx", "x");

        var error = Assert.Throws<FathomException>(() => TableReader.Read(path));
        Assert.Contains("unknown table format '.xlsx'", error.Message);
    }
}
