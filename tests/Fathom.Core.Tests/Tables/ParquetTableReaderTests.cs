using Fathom.Core.Tables;
using Parquet;
using Parquet.Schema;

namespace Fathom.Core.Tests.Tables;

public sealed class ParquetTableReaderTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Parquet_nullable_numbers_strings_and_timestamps_become_typed_columns()
    {
        var path = _files.PathOf("t.parquet");
        var id = new DataField<int>("id");
        var score = new DataField<double?>("score");
        var city = new DataField<string>("city");
        var at = new DataField<DateTime>("at");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, score, city, at), stream))
        using (var group = writer.CreateRowGroup())
        {
            await group.WriteAsync<int>(id, new[] { 1, 2, 3 });
            await group.WriteAsync<double>(score, new double?[] { 0.5, null, 2 });
            await group.WriteAsync(city, new[] { "Oslo", null, "Oslo" });
            await group.WriteAsync<DateTime>(at, new[] { new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc) });
        }

        var table = await TableReader.ReadAsync(path);

        Assert.True(Assert.IsType<NumericColumn>(table["id"]).IsInteger);
        var s = Assert.IsType<NumericColumn>(table["score"]);
        Assert.Equal([0.5, double.NaN, 2], s.Values.ToArray());
        var c = Assert.IsType<CategoricalColumn>(table["city"]);
        Assert.Equal(["Oslo"], c.Categories);
        Assert.Equal([0, -1, 0], c.Codes.ToArray());
        var t = Assert.IsType<TimestampColumn>(table["at"]);
        Assert.Equal(new DateTime(2024, 1, 2).Ticks, t.Ticks[1]);
    }

    [Fact]
    public async Task Parquet_flights_3m_reads_every_row_into_typed_columns()
    {
        // Read speed is measured by bench/Fathom.Bench.Monitoring (docs/benchmarks.md), not asserted on a shared CI machine.
        var table = await TableReader.ReadAsync(TestFiles.SharedData("flights-3m.parquet"));

        Assert.Equal(3_000_000, table.RowCount);
        Assert.Equal(["date", "delay", "distance", "origin", "destination"], table.ColumnNames);
        Assert.Equal(ColumnKind.Timestamp, table["date"].Kind);
        var delay = Assert.IsType<NumericColumn>(table["delay"]);
        Assert.True(delay.IsInteger);
        var origin = Assert.IsType<CategoricalColumn>(table["origin"]);
        Assert.InRange(origin.Categories.Count, 100, 1000);
        Assert.All(origin.Categories, code => Assert.Equal(3, code.Length));
    }
}
