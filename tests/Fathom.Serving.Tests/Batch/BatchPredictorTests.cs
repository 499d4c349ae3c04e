using System.Globalization;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Models.Packaging;
using Fathom.Serving.Batch;
using Fathom.Serving.Tests.Fixtures;

namespace Fathom.Serving.Tests.Batch;

public sealed class BatchPredictorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteCsv(int rows)
    {
        var table = TestModels.Rows(rows);
        var path = _folder.Combine("input.csv");
        var lines = new List<string> { string.Join(",", table.ColumnNames) };
        for (var r = 0; r < rows; r++) lines.Add(string.Join(",", table.Columns.Select(c => c.Format(r))));
        File.WriteAllLines(path, lines);
        return path;
    }

    [Theory]
    [InlineData("scores.parquet")]
    [InlineData("scores.csv")]
    public async Task Every_row_is_scored_as_the_model_scores_it_in_memory(string outputName)
    {
        var rows = 250_003;
        var input = WriteCsv(rows);
        var output = _folder.Combine(outputName);
        using var model = ModelLoader.Load(TestModels.Regressor);
        var reported = new List<long>();

        var scored = await BatchPredictor.RunAsync(model, input, output, new SyncProgress(reported.Add));

        Assert.Equal(rows, scored);
        Assert.Equal(rows, reported.Last());
        Assert.True(reported.Count >= 3, "a 250k-row CSV streams in chunks");
        var result = await TableReader.ReadAsync(output);
        Assert.Equal(rows, result.RowCount);
        Assert.Equal([.. TestModels.FeatureNames(), "prediction"], result.ColumnNames);
        var expected = model.Predict(TestModels.Rows(3));
        for (var r = 0; r < 3; r++)
            Assert.Equal(double.Parse(expected.Prediction.Format(r)!, CultureInfo.InvariantCulture), ((NumericColumn)result["prediction"]).Values[r], 5);
    }

    [Fact]
    public async Task Chunks_scored_in_parallel_are_written_in_file_order()
    {
        // Feature values cycle through the training range, so neighbouring chunks get different predictions.
        var rows = CsvChunkReader.ChunkRows * 4 + 17;
        var table = new DataTable(TestModels.FeatureNames().Select((name, i) => (Column)new NumericColumn(name,
            Enumerable.Range(0, rows).Select(r => ((r * 7919L + i * 31) % 1000) / 1000.0).ToArray())));
        var input = _folder.Combine("cycling.csv");
        File.WriteAllLines(input, [string.Join(",", table.ColumnNames), .. Enumerable.Range(0, rows)
            .Select(r => string.Join(",", table.Columns.Select(c => c.Format(r))))]);
        using var model = ModelLoader.Load(TestModels.Regressor);

        await BatchPredictor.RunAsync(model, input, _folder.Combine("cycling.parquet"));

        var expected = (NumericColumn)model.Predict(table).Prediction;
        var written = (NumericColumn)(await TableReader.ReadAsync(_folder.Combine("cycling.parquet")))["prediction"];
        Assert.True(expected.Values.ToArray().Distinct().Count() > 10, "the predictions vary from row to row");
        for (var r = 0; r < rows; r++) Assert.Equal(expected.Values[r], written.Values[r], 5);
    }

    [Fact]
    public async Task A_parquet_file_streams_row_group_by_row_group()
    {
        var csv = WriteCsv(1000);
        using var model = ModelLoader.Load(TestModels.Regressor);
        var parquet = _folder.Combine("scored-once.parquet");
        await BatchPredictor.RunAsync(model, csv, parquet);

        var again = _folder.Combine("scored-twice.csv");
        var rows = await BatchPredictor.RunAsync(model, parquet, again);

        Assert.Equal(1000, rows);
        Assert.Equal(1000, (await TableReader.ReadAsync(again)).RowCount);
    }

    [Fact]
    public async Task Kept_columns_are_the_only_inputs_written_beside_the_predictions()
    {
        var input = WriteCsv(500);
        using var model = ModelLoader.Load(TestModels.Regressor);
        var keyed = _folder.Combine("keyed.parquet");
        var bare = _folder.Combine("bare.csv");

        await BatchPredictor.RunAsync(Task.FromResult<Fathom.Models.IModel>(model), input, keyed, new BatchOptions { KeepColumns = ["f3", "f1"] });
        await BatchPredictor.RunAsync(Task.FromResult<Fathom.Models.IModel>(model), input, bare, new BatchOptions { KeepColumns = [] });

        var withKeys = await TableReader.ReadAsync(keyed);
        Assert.Equal(["f3", "f1", "prediction"], withKeys.ColumnNames);
        Assert.Equal(TestModels.Rows(500)["f3"].Format(7), withKeys["f3"].Format(7));
        Assert.Equal(["prediction"], (await TableReader.ReadAsync(bare)).ColumnNames);
    }

    [Fact]
    public async Task A_kept_column_the_input_lacks_is_named_in_the_error()
    {
        var input = WriteCsv(10);
        using var model = ModelLoader.Load(TestModels.Regressor);

        var e = await Assert.ThrowsAsync<FathomException>(() => BatchPredictor.RunAsync(
            Task.FromResult<Fathom.Models.IModel>(model), input, _folder.Combine("o.csv"), new BatchOptions { KeepColumns = ["id"] }));

        Assert.Contains("'id'", e.Message);
    }

    [Fact]
    public async Task A_model_that_fails_to_load_fails_the_run_with_its_own_error()
    {
        var input = WriteCsv(CsvChunkReader.ChunkRows * 3);
        var failing = Task.FromException<Fathom.Models.IModel>(FathomException.NotFound("no such model"));

        var e = await Assert.ThrowsAsync<FathomException>(() => BatchPredictor.RunAsync(failing, input, _folder.Combine("o.parquet"), BatchOptions.Default));

        Assert.Equal("no such model", e.Message);
    }

    [Fact]
    public async Task Text_in_a_numeric_column_names_the_row_and_column()
    {
        // The kind is fixed by the first chunk; the bad value arrives in the second.
        var input = WriteCsv(CsvChunkReader.ChunkRows + 1);
        File.AppendAllText(input, "x,1,1,1,1,1,1,1,1,1\n");
        using var model = ModelLoader.Load(TestModels.Regressor);

        var e = await Assert.ThrowsAsync<FathomException>(() => BatchPredictor.RunAsync(model, input, _folder.Combine("o.csv")));

        Assert.Contains($"row {CsvChunkReader.ChunkRows + 2}, column 'f0'", e.Message);
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
