using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Serving.Observability;
using Fathom.Serving.PredictionLog;
using Fathom.Tracking.Artifacts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Serving.Tests.PredictionLog;

public sealed class PredictionLogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<IArtifactRepository> _sinks = [];

    public void Dispose()
    {
        foreach (var sink in _sinks) sink.Dispose();
        _folder.Dispose();
    }

    /// <summary>A started writer logging to the test's folder; drops are counted in the metrics.</summary>
    private async Task<(ServingMetrics Metrics, PredictionLogQueue Queue, PredictionLogWriter Writer)> StartWriterAsync(
        int capacityRows = 1000, int? fileRows = null)
    {
        var metrics = new ServingMetrics();
        var options = new ServingOptions { ModelUri = "x", PredictionLogFileAge = TimeSpan.FromMinutes(5) };
        if (fileRows is { } rows) options.PredictionLogFileRows = rows;
        var queue = new PredictionLogQueue(capacityRows, 1, dropped => metrics.PredictionLogDropped.Inc(dropped));
        var sink = ArtifactRepositoryFactory.Create(_folder.Path);
        _sinks.Add(sink);
        var writer = new PredictionLogWriter(queue, sink, metrics, options, TimeProvider.System, NullLogger<PredictionLogWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return (metrics, queue, writer);
    }

    private static PredictionRecord Record(string id, int rows, string model = "churn")
    {
        var inputs = new DataTable([
            new NumericColumn("age", Enumerable.Range(0, rows).Select(i => (double)i).ToArray()),
            new CategoricalColumn("plan", Enumerable.Repeat(0, rows).ToArray(), ["gold"]),
        ]);
        return new PredictionRecord(id, new DateTime(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc), model, "3", inputs,
            new ModelOutput(rows, [new NumericColumn("Score", Enumerable.Repeat(0.5, rows).ToArray())]));
    }

    [Fact]
    public void The_queue_drops_and_counts_rows_beyond_its_capacity_without_waiting()
    {
        long dropped = 0;
        var queue = new PredictionLogQueue(capacityRows: 10, sampleRate: 1, rows => dropped += rows);

        Assert.True(queue.TryEnqueue(Record("a", 6)));
        Assert.False(queue.TryEnqueue(Record("b", 6)));
        Assert.True(queue.TryEnqueue(Record("c", 4)));

        Assert.Equal(6, dropped);
        Assert.Equal(10, queue.QueuedRows);
    }

    [Fact]
    public void Sampling_at_zero_logs_nothing_and_at_one_logs_everything()
    {
        Assert.False(new PredictionLogQueue(10, 0, _ => { }).ShouldLog());
        Assert.True(new PredictionLogQueue(10, 1, _ => { }).ShouldLog());
    }

    [Fact]
    public async Task The_writer_writes_every_queued_row_to_a_dated_parquet_file_on_shutdown()
    {
        var (metrics, queue, writer) = await StartWriterAsync();

        queue.TryEnqueue(Record("req-1", 2));
        queue.TryEnqueue(Record("req-2", 3));
        await writer.StopAsync(CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder.Combine("churn", "date=2026-11-27"), "*.parquet"));
        var table = await TableReader.ReadAsync(file);
        Assert.Equal(5, table.RowCount);
        Assert.Equal(["request_id", "timestamp", "model_name", "model_version", "age", "plan", "prediction"], table.ColumnNames);
        Assert.Equal("req-2", table["request_id"].Format(4));
        Assert.Equal("3", table["model_version"].Format(0));
        Assert.Equal(5, metrics.PredictionLogWritten.Value);
        Assert.Equal(0, queue.QueuedRows);
    }

    [Fact]
    public async Task A_file_is_closed_once_it_holds_the_row_limit()
    {
        var (metrics, queue, writer) = await StartWriterAsync(fileRows: 4);

        queue.TryEnqueue(Record("a", 4));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (metrics.PredictionLogWritten.Value < 4 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(4, metrics.PredictionLogWritten.Value);

        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_file_of_several_row_groups_keeps_every_row_in_order()
    {
        var (metrics, queue, writer) = await StartWriterAsync(100_000);

        var rows = PredictionLogWriter.RowGroupRows * 2 + 100;
        var ids = Enumerable.Range(0, rows).Select(i => $"req-{i}").ToArray();
        foreach (var id in ids) queue.TryEnqueue(Record(id, 1));
        await writer.StopAsync(CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder.Combine("churn", "date=2026-11-27"), "*.parquet"));
        var table = await TableReader.ReadAsync(file);
        Assert.Equal(ids, Enumerable.Range(0, table.RowCount).Select(r => table["request_id"].Format(r)));
        Assert.Equal(0.5, ((NumericColumn)table["prediction"]).Values[rows - 1]);
        Assert.Equal(rows, metrics.PredictionLogWritten.Value);
        Assert.Equal(0, queue.QueuedRows);
    }

    [Fact]
    public async Task Classifier_outputs_are_logged_as_the_prediction_then_one_column_per_output_and_class()
    {
        var (_, queue, writer) = await StartWriterAsync();

        var inputs = new DataTable([new NumericColumn("age", [30, 40])]);
        var label = new CategoricalColumn("PredictedLabel", [1, 0], ["no", "yes"]);
        var output = new ModelOutput(2, [new NumericColumn("Probability", [0.75, 0.25]), label],
            new ScoreMatrix("Score", ["no", "yes"], [0.25f, 0.75f, 0.5f, 0.5f], isProbability: false), predictionColumn: "PredictedLabel");
        queue.TryEnqueue(new PredictionRecord("req-1", new DateTime(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc), "churn", "3", inputs, output));
        await writer.StopAsync(CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder.Combine("churn", "date=2026-11-27"), "*.parquet"));
        var table = await TableReader.ReadAsync(file);
        Assert.Equal(["request_id", "timestamp", "model_name", "model_version", "age", "prediction", "output_Probability", "output_Score_no", "output_Score_yes"],
            table.ColumnNames);
        Assert.Equal(["yes", "no"], Enumerable.Range(0, 2).Select(r => table["prediction"].Format(r)));
        Assert.Equal([0.75, 0.25], ((NumericColumn)table["output_Probability"]).Values.ToArray());
        Assert.Equal([0.75, 0.5], ((NumericColumn)table["output_Score_yes"]).Values.ToArray());
        Assert.Equal([40.0], ((NumericColumn)table["age"]).Values[1..].ToArray());
    }

    [Fact]
    public async Task Requests_with_other_columns_or_another_day_go_to_their_own_files()
    {
        var (metrics, queue, writer) = await StartWriterAsync();

        queue.TryEnqueue(Record("a", 2));
        var other = new DataTable([new NumericColumn("age", [1.0]), new NumericColumn("income", [double.NaN])]);
        queue.TryEnqueue(new PredictionRecord("b", new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc), "churn", "3", other,
            new ModelOutput(1, [new NumericColumn("Score", [0.5])])));
        queue.TryEnqueue(Record("c", 1));
        queue.TryEnqueue(Record("d", 1) with { TimestampUtc = new DateTime(2026, 11, 28, 0, 0, 1, DateTimeKind.Utc) });
        await writer.StopAsync(CancellationToken.None);

        var tables = await Task.WhenAll(Directory.GetFiles(_folder.Combine("churn", "date=2026-11-27"), "*.parquet").Select(f => TableReader.ReadAsync(f)));
        var withPlan = Assert.Single(tables, t => t.Contains("plan"));
        Assert.Equal(["a", "a", "c"], Enumerable.Range(0, withPlan.RowCount).Select(r => withPlan["request_id"].Format(r)));
        var withIncome = Assert.Single(tables, t => t.Contains("income"));
        Assert.True(withIncome["income"].IsMissing(0));
        var nextDay = Assert.Single(Directory.GetFiles(_folder.Combine("churn", "date=2026-11-28"), "*.parquet"));
        Assert.Equal(1, (await TableReader.ReadAsync(nextDay)).RowCount);
        Assert.Equal(5, metrics.PredictionLogWritten.Value);
    }

    [Fact]
    public async Task Missing_numbers_times_and_texts_read_back_as_missing_across_segments_of_one_row_group()
    {
        var (_, queue, writer) = await StartWriterAsync();
        var when = new DateTime(2026, 11, 27, 7, 30, 0, DateTimeKind.Utc);

        PredictionRecord Mixed(string id, double amount, long seen, int plan) => new(id, new DateTime(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc), "churn", "3",
            new DataTable([new NumericColumn("amount", [amount]), new TimestampColumn("seen", [seen]), new CategoricalColumn("plan", [plan], ["gold"])]),
            new ModelOutput(1, [new NumericColumn("Score", [amount * 2])]));
        queue.TryEnqueue(Mixed("a", 1.5, when.Ticks, 0));
        queue.TakeOpen();
        queue.TryEnqueue(Mixed("b", double.NaN, TimestampColumn.MissingTicks, CategoricalColumn.MissingCode));
        queue.TryEnqueue(Mixed("c", -2.25, when.AddMinutes(1).Ticks, 0));
        await writer.StopAsync(CancellationToken.None);

        var table = await TableReader.ReadAsync(Assert.Single(Directory.GetFiles(_folder.Combine("churn", "date=2026-11-27"), "*.parquet")));
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, 3).Select(r => table["request_id"].Format(r)));
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(r => table["amount"].IsMissing(r)));
        Assert.Equal(-2.25, ((NumericColumn)table["amount"]).Values[2]);
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(r => table["seen"].IsMissing(r)));
        Assert.Equal(when.AddMinutes(1).Ticks, ((TimestampColumn)table["seen"]).Ticks[2]);
        Assert.Equal(["gold", null, "gold"], Enumerable.Range(0, 3).Select(r => table["plan"].Format(r)));
        Assert.True(table["prediction"].IsMissing(1));
        Assert.Equal(["churn", "churn", "churn"], Enumerable.Range(0, 3).Select(r => table["model_name"].Format(r)));
    }
}
