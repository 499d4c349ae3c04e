using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Models.Packaging;
using Fathom.Serving.Batch;
using Fathom.Serving.Batch.ParquetOutput;
using Fathom.Serving.Tests.Fixtures;
using Parquet;
using Parquet.Schema;

namespace Fathom.Serving.Tests.Batch;

/// <summary>Input columns the model does not read and the output copies or leaves out are read past, not decoded.</summary>
public sealed class UndecodedColumnsTests : IDisposable
{
    private const int GroupRows = 300;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_reader_leaves_the_named_columns_undecoded_with_their_kind_and_length()
    {
        var path = await WriteInputAsync();
        var groups = new List<DataTable>();

        await foreach (var chunk in ParquetChunkReader.ReadAsync(path, _ => new HashSet<string> { "city", "seen" }, CancellationToken.None)) groups.Add(chunk);

        Assert.Equal(2, groups.Count);
        var table = groups[1];
        Assert.Equal([.. TestModels.FeatureNames(), "id", "city", "seen"], table.ColumnNames);
        Assert.Equal((ColumnKind.Categorical, GroupRows), (Assert.IsType<UndecodedColumn>(table["city"]).Kind, table["city"].Length));
        Assert.Equal((ColumnKind.Timestamp, GroupRows), (Assert.IsType<UndecodedColumn>(table["seen"]).Kind, table["seen"].Length));
        Assert.Equal(GroupRows + 7.0, Assert.IsType<NumericColumn>(table["id"]).Values[7]);
        Assert.Throws<InvalidOperationException>(() => table["city"].Format(0));
    }

    [Fact]
    public async Task Once_the_model_has_loaded_columns_it_does_not_read_are_not_decoded()
    {
        using var model = ModelLoader.Load(TestModels.Regressor);
        await using var parquet = await WriterAsync();
        string[] columns = [.. TestModels.FeatureNames(), "id", "city", "seen"];

        var copied = BatchPredictor.Undecoded(Task.FromResult<IModel>(model), columns, parquet, BatchOptions.Default);
        var leftOut = BatchPredictor.Undecoded(Task.FromResult<IModel>(model), columns, parquet, new BatchOptions { KeepColumns = [] });

        Assert.Equal(["city", "id", "seen"], copied.Order());
        Assert.Equal(["city", "id", "seen"], leftOut.Order());
    }

    [Fact]
    public async Task Every_column_is_decoded_while_the_model_loads_or_when_the_file_lacks_one_of_its_inputs()
    {
        using var model = ModelLoader.Load(TestModels.Regressor);
        await using var parquet = await WriterAsync();
        string[] columns = [.. TestModels.FeatureNames(), "id", "city", "seen"];

        var loading = BatchPredictor.Undecoded(new TaskCompletionSource<IModel>().Task, columns, parquet, BatchOptions.Default);
        var lacking = BatchPredictor.Undecoded(Task.FromResult<IModel>(model), [.. columns.Where(c => c != "f3")], parquet, BatchOptions.Default);

        Assert.Empty(loading);
        Assert.Empty(lacking);
    }

    [Fact]
    public async Task Undecoded_columns_are_still_copied_into_the_output_with_their_values()
    {
        var input = await WriteInputAsync();
        var output = _folder.Combine("scored.parquet");
        using var model = ModelLoader.Load(TestModels.Regressor);

        await BatchPredictor.RunAsync(model, input, output);

        var expected = await TableReader.ReadAsync(input);
        var actual = await TableReader.ReadAsync(output);
        foreach (var name in new[] { "id", "city", "seen" })
            Assert.Equal(Enumerable.Range(0, 2 * GroupRows).Select(expected[name].Format), Enumerable.Range(0, 2 * GroupRows).Select(actual[name].Format));
        Assert.Equal(2 * GroupRows, ((NumericColumn)actual["prediction"]).Values.ToArray().Count(v => !double.IsNaN(v)));
    }

    private async Task<PassThroughParquetWriter> WriterAsync() =>
        await PassThroughParquetWriter.CreateAsync(await WriteInputAsync(), _folder.Combine($"{Guid.NewGuid():N}.parquet"), CancellationToken.None);

    /// <summary>The model's features, an int64 id, text with nulls and timestamps, in two row groups.</summary>
    private async Task<string> WriteInputAsync()
    {
        var path = _folder.Combine($"{Guid.NewGuid():N}.parquet");
        var names = TestModels.FeatureNames();
        var fields = names.Select(n => (DataField)new DataField<double>(n))
            .Append(new DataField<long>("id")).Append(new DataField<string>("city")).Append(new DataField<DateTime>("seen")).ToArray();
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file);
        for (var g = 0; g < 2; g++)
        {
            var rows = Enumerable.Range(g * GroupRows, GroupRows).ToArray();
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < names.Length; i++) await group.WriteAsync<double>(fields[i], rows.Select(r => (r * 31 + i) % 100 / 100.0).ToArray());
            await group.WriteAsync<long>(fields[^3], rows.Select(r => (long)r).ToArray());
            await group.WriteAsync(fields[^2], rows.Select(r => r % 5 == 0 ? null : $"city-{r % 7}").ToArray()!);
            await group.WriteAsync<DateTime>(fields[^1], rows.Select(r => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(r)).ToArray());
        }
        return path;
    }
}
