using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Sql;

namespace Fathom.Tracking.Tests.Stores;

public sealed class SqliteHistoryTests : HistoryConformance<SqliteTarget>;

public sealed class PostgresHistoryTests : HistoryConformance<PostgresTarget>;

/// <summary>get-history (paged) and get-history-bulk-interval (sampled), for every tracking store.</summary>
public abstract class HistoryConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task GetMetricHistory_pages_in_step_then_timestamp_order()
    {
        var run = await NewRunAsync();
        var points = Enumerable.Range(0, 250).Select(i => new Metric("loss", 1.0 / (i + 1), 1000 + (i % 3), i / 2)).ToList();
        await Store.LogBatchAsync(run.Info.RunId, [.. points.AsEnumerable().Reverse()], [], []);

        var seen = new List<Metric>();
        string? token = null;
        do
        {
            var page = await Store.GetMetricHistoryAsync(run.Info.RunId, "loss", 100, token);
            Assert.True(page.Items.Count <= 100);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(points.OrderBy(p => p.Step).ThenBy(p => p.Timestamp), seen);
    }

    [Fact]
    public async Task GetMetricHistory_pages_of_one_point_cross_rows_that_differ_only_in_value_or_NaN()
    {
        var run = await NewRunAsync();
        // Same step and timestamp: only value (and NaN, stored as 0 with is_nan) tells these rows apart.
        Metric[] points = [new("m", double.NegativeInfinity, 5, 1), new("m", -1, 5, 1), new("m", 0, 5, 1), new("m", double.NaN, 5, 1),
            new("m", 2.5, 5, 1), new("m", double.PositiveInfinity, 5, 1), new("m", 0, 4, 2), new("m", 0, 6, 2)];
        await Store.LogBatchAsync(run.Info.RunId, [.. points.Reverse()], [], []);

        var seen = new List<Metric>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", 1, token);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Equal(points.Select(p => (p.Step, p.Timestamp, double.IsNaN(p.Value) ? "NaN" : p.Value.ToString("R"))),
            seen.Select(p => (p.Step, p.Timestamp, double.IsNaN(p.Value) ? "NaN" : p.Value.ToString("R"))));
    }

    [Fact]
    public async Task GetMetricHistory_default_pages_yield_every_point_once_across_a_boundary_among_NaN_values()
    {
        var run = await NewRunAsync();
        // The default page ends inside a step whose points differ only in value and NaN-ness.
        var boundary = SqlTrackingStore.MaxHistoryPage - 2;
        var points = Enumerable.Range(0, boundary).Select(i => new Metric("m", i % 7 == 0 ? double.NaN : i * 0.25, 10, i))
            .Concat([new("m", double.NaN, 10, boundary), new("m", -1, 10, boundary), new("m", 0, 10, boundary),
                new("m", double.PositiveInfinity, 10, boundary), new("m", double.NaN, 11, boundary), new("m", 3, 9, boundary + 1)])
            .ToList();
        foreach (var chunk in points.Chunk(1000))
        {
            await Store.LogBatchAsync(run.Info.RunId, chunk, [], []);
        }

        var seen = new List<Metric>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", null, token);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 10);

        static (long, long, string) Key(Metric p) => (p.Step, p.Timestamp, double.IsNaN(p.Value) ? "NaN" : p.Value.ToString("R"));
        Assert.Equal(2, pages);
        Assert.Equal(points.Count, seen.Count);
        Assert.Equal(points.Select(Key).Order(), seen.Select(Key).Order());
        Assert.Equal(seen.OrderBy(p => p.Step).ThenBy(p => p.Timestamp).Select(p => (p.Step, p.Timestamp)), seen.Select(p => (p.Step, p.Timestamp)));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(6, 1)]
    [InlineData(5, 2)]
    [InlineData(1, 6)]
    public async Task GetMetricHistory_gives_a_token_only_when_points_are_left(int maxResults, int expectedPages)
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [.. Enumerable.Range(0, 6).Select(i => new Metric("m", i, 10, i))], [], []);

        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", maxResults, token);
            sizes.Add(page.Items.Count);
            token = page.NextPageToken;
        }
        while (token is not null && sizes.Count < 10);

        Assert.Equal(expectedPages, sizes.Count);
        Assert.Equal(6, sizes.Sum());
        Assert.All(sizes.SkipLast(1), size => Assert.Equal(maxResults, size));
    }

    [Fact]
    public async Task GetMetricHistory_sees_points_logged_after_an_earlier_read()
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, 10, 0)], [], []);
        Assert.Single((await Store.GetMetricHistoryAsync(run.Info.RunId, "m", null, null)).Items);

        await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 2, 10, 1)], [], []);

        Assert.Equal([1.0, 2.0], (await Store.GetMetricHistoryAsync(run.Info.RunId, "m", null, null)).Items.Select(p => p.Value));
    }

    [Fact]
    public async Task GetMetricHistory_reads_in_parallel_each_get_every_point_while_a_writer_logs()
    {
        var run = await NewRunAsync();
        var points = Enumerable.Range(0, 2000).Select(i => new Metric("m", i * 0.5, 10, i)).ToList();
        foreach (var chunk in points.Chunk(1000))
        {
            await Store.LogBatchAsync(run.Info.RunId, chunk, [], []);
        }

        async Task<List<Metric>> ReadAllAsync()
        {
            var seen = new List<Metric>();
            string? token = null;
            do
            {
                var page = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", 300, token);
                seen.AddRange(page.Items);
                token = page.NextPageToken;
            }
            while (token is not null);

            return seen;
        }

        // More readers than the store's read connections, beside a writer logging another key of the same run.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await Store.LogBatchAsync(run.Info.RunId, [new Metric("other", i, 10, i)], [], []);
            }
        });
        var reads = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(ReadAllAsync)));
        await writer;

        Assert.All(reads, seen => Assert.Equal(points, seen));
    }

    [Fact]
    public async Task LogBatch_ignores_a_point_identical_to_one_already_logged_as_MLflow_does()
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, 10, 0), new Metric("m", 1, 10, 0), new Metric("m", double.NaN, 10, 0)], [], []);
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, 10, 0), new Metric("m", double.NaN, 10, 0), new Metric("m", 2, 10, 0)], [], []);

        var history = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", null, null);

        // NaN is stored as value 0 with is_nan set, so it sorts before 1.
        Assert.Equal(["0:10:NaN", "0:10:1", "0:10:2"], history.Items.Select(p => $"{p.Step}:{p.Timestamp}:{p.Value}"));
    }

    [Fact]
    public async Task GetMetricHistory_merges_overlapping_batches_logged_out_of_order_and_keeps_each_point_once()
    {
        var run = await NewRunAsync();
        var random = new Random(7);
        // 30 batches of 1 to 150 points over steps 0-299, in random order, re-logging many points already logged.
        var logged = new List<Metric>();
        for (var b = 0; b < 30; b++)
        {
            var batch = Enumerable.Range(0, random.Next(1, 151)).Select(_ => random.Next(300))
                .Select(step => new Metric("m", step % 17 == 0 ? double.NaN : step % 5, 100 + (step % 3), step)).ToList();
            logged.AddRange(batch);
            await Store.LogBatchAsync(run.Info.RunId, batch, [], []);
        }

        foreach (var pageSize in new[] { 1, 7, 64, 1000 })
        {
            var seen = new List<string>();
            string? token = null;
            do
            {
                var page = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", pageSize, token);
                Assert.True(page.Items.Count <= pageSize);
                seen.AddRange(page.Items.Select(p => $"{p.Step}:{p.Timestamp}:{p.Value}"));
                token = page.NextPageToken;
            }
            while (token is not null);

            Assert.Equal(logged.OrderBy(p => p.Step).Select(p => $"{p.Step}:{p.Timestamp}:{p.Value}").Distinct(), seen);
        }
    }

    [Fact]
    public async Task GetMetricHistory_refuses_a_page_token_it_did_not_make()
    {
        var run = await NewRunAsync();

        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Store.GetMetricHistoryAsync(run.Info.RunId, "m", 10, "not-a-token"));
        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Store.GetMetricHistoryAsync(run.Info.RunId, "m", 10, "eyJvZmZzZXQiOiAxMH0="));
    }

    [Fact]
    public async Task GetMetricHistory_of_an_unknown_run_or_key_is_empty()
    {
        var run = await NewRunAsync();

        Assert.Empty((await Store.GetMetricHistoryAsync(run.Info.RunId, "none", null, null)).Items);
        Assert.Empty((await Store.GetMetricHistoryAsync("no-such-run", "loss", null, null)).Items);
    }

    [Fact]
    public async Task BulkInterval_samples_evenly_and_keeps_each_runs_first_and_last_step()
    {
        var experimentId = await NewExperimentAsync();
        var a = await NewRunAsync(experimentId);
        var b = await NewRunAsync(experimentId);
        await Store.LogBatchAsync(a.Info.RunId, [.. Enumerable.Range(0, 100).Select(i => new Metric("m", i, 1, i))], [], []);
        await Store.LogBatchAsync(b.Info.RunId, [.. Enumerable.Range(0, 37).Select(i => new Metric("m", -i, 1, i * 3 + 1))], [], []);

        var points = await Store.GetMetricHistoryBulkIntervalAsync([a.Info.RunId, b.Info.RunId], "m", null, null, 10);

        var stepsOfA = points.Where(p => p.RunId == a.Info.RunId).Select(p => p.Step).ToList();
        var stepsOfB = points.Where(p => p.RunId == b.Info.RunId).Select(p => p.Step).ToList();
        Assert.Contains(0L, stepsOfA);
        Assert.Contains(99L, stepsOfA);
        Assert.Contains(1L, stepsOfB);
        Assert.Contains(109L, stepsOfB);
        Assert.InRange(stepsOfA.Count, 5, 14);
        Assert.Equal(stepsOfA.Order(), stepsOfA);
        Assert.All(points.Where(p => p.RunId == a.Info.RunId), p => Assert.Equal(p.Step, (long)p.Value));
    }

    [Fact]
    public async Task BulkInterval_limits_itself_to_the_step_range_given()
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [.. Enumerable.Range(0, 50).Select(i => new Metric("m", i, 1, i))], [], []);

        var points = await Store.GetMetricHistoryBulkIntervalAsync([run.Info.RunId], "m", 10, 19, 100);

        Assert.Equal(Enumerable.Range(10, 10).Select(i => (long)i), points.Select(p => p.Step));
    }

    [Fact]
    public async Task BulkInterval_validates_its_arguments_as_MLflow_does()
    {
        var run = await NewRunAsync();

        var oneSided = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.GetMetricHistoryBulkIntervalAsync([run.Info.RunId], "m", 1, null, 10));
        var reversed = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.GetMetricHistoryBulkIntervalAsync([run.Info.RunId], "m", 5, 1, 10));
        var tooMany = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.GetMetricHistoryBulkIntervalAsync([run.Info.RunId], "m", null, null, 2501));

        Assert.Equal("If either start step or end step are specified, both must be specified.", oneSided.Message);
        Assert.Equal("end_step must be greater than start_step. Found start_step=5 and end_step=1.", reversed.Message);
        Assert.Equal("max_results must be between 1 and 2500.", tooMany.Message);
    }
}
