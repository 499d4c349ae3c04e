using Fathom.Core.Errors;
using Fathom.Core.Tables;

namespace Fathom.Core.Tests.Tables;

public sealed class JsonTableReaderTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Json_lines_union_keys_and_absent_keys_are_missing()
    {
        var path = _files.Write("t.jsonl", "{\"a\": 1, \"b\": \"x\"}\n{\"b\": \"y\", \"c\": true}\n{\"a\": 2.5, \"c\": null}\n");
        var table = TableReader.Read(path);

        Assert.Equal(["a", "b", "c"], table.ColumnNames);
        var a = Assert.IsType<NumericColumn>(table["a"]);
        Assert.Equal(1, a.Values[0]);
        Assert.True(a.IsMissing(1));
        Assert.Equal(2.5, a.Values[2]);
        Assert.Equal(1, table["b"].MissingCount);
        var c = Assert.IsType<CategoricalColumn>(table["c"]);
        Assert.Equal([null, "true", null], Enumerable.Range(0, 3).Select(c.Format));
    }

    [Fact]
    public void Json_array_with_iso_dates_makes_a_timestamp_column()
    {
        var path = _files.Write("t.json", "[{\"t\": \"2024-03-01T12:00:00Z\"}, {\"t\": \"2024-03-02\"}]");

        var t = Assert.IsType<TimestampColumn>(TableReader.Read(path)["t"]);
        Assert.Equal(new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc).Ticks, t.Ticks[0]);
    }

    [Fact]
    public void Json_text_in_a_numeric_column_names_file_row_and_column()
    {
        var path = _files.Write("bad.jsonl", "{\"x\": 1}\n{\"x\": 2}\n{\"x\": \"many\"}\n");

        var error = Assert.Throws<FathomException>(() => TableReader.Read(path));
        Assert.Contains("bad.jsonl, row 3, column 'x'", error.Message);
    }

    [Fact]
    public void Json_that_is_not_valid_is_a_clear_error()
    {
        var path = _files.Write("broken.json", "[{\"x\": 1},");

        var error = Assert.Throws<FathomException>(() => TableReader.Read(path));
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Json_penguins_reads_nulls_as_missing_values()
    {
        var table = TableReader.Read(TestFiles.SharedData("penguins.json"));

        Assert.Equal(344, table.RowCount);
        var beak = Assert.IsType<NumericColumn>(table["Beak Length (mm)"]);
        Assert.Equal(2, beak.MissingCount);
        Assert.False(beak.IsInteger);
        var sex = Assert.IsType<CategoricalColumn>(table["Sex"]);
        Assert.True(sex.MissingCount > 0);
        Assert.Equal(3, ((CategoricalColumn)table["Species"]).Categories.Count);
    }
}
