using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

public sealed class SqliteSearchTests : SearchConformance<SqliteTarget>;

public sealed class PostgresSearchTests : SearchConformance<PostgresTarget>;

/// <summary>search-runs paging, order and view types (the filter grammar is tested with the search translator).</summary>
public abstract class SearchConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task SearchRuns_orders_by_start_time_descending_then_run_id()
    {
        var experimentId = await NewExperimentAsync();
        var runs = new List<Run>();
        foreach (var start in new long[] { 10, 30, 20, 30 })
        {
            runs.Add(await NewRunAsync(experimentId, start));
        }

        var page = await Store.SearchRunsAsync(new RunSearch([experimentId]));

        var expected = runs.OrderByDescending(r => r.Info.StartTime).ThenBy(r => r.Info.RunId, StringComparer.Ordinal).Select(r => r.Info.RunId);
        Assert.Equal(expected, page.Items.Select(r => r.Info.RunId));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task SearchRuns_pages_through_every_run_exactly_once()
    {
        var experimentId = await NewExperimentAsync();
        var created = new HashSet<string>();
        for (var i = 0; i < 23; i++)
        {
            created.Add((await NewRunAsync(experimentId, startTime: i % 5)).Info.RunId);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.SearchRunsAsync(new RunSearch([experimentId], MaxResults: 5, PageToken: token));
            seen.AddRange(page.Items.Select(r => r.Info.RunId));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(5, pages);
        Assert.Equal(created.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("DESC")]
    [InlineData("ASC")]
    public async Task Pages_in_metric_order_cross_from_valued_runs_to_NaN_and_missing_ones_without_gaps(string direction)
    {
        var experimentId = await NewExperimentAsync();
        var expected = new List<(int Class, double Value, long Start, string Id)>();
        for (var i = 0; i < 11; i++)
        {
            var run = await NewRunAsync(experimentId, startTime: i % 3);
            var (cls, value) = i switch { < 6 => (0, i % 4 * 0.25), < 8 => (1, double.NaN), _ => (2, 0.0) };
            if (cls < 2)
            {
                await Store.LogBatchAsync(run.Info.RunId, [new Metric("acc", value, 1, 0)], [], []);
            }

            expected.Add((cls, cls == 0 ? value : 0, i % 3, run.Info.RunId));
        }

        var order = expected.OrderBy(e => e.Class)
            .ThenBy(e => direction == "ASC" ? e.Value : -e.Value)
            .ThenByDescending(e => e.Start)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => e.Id);
        foreach (var pageSize in new[] { 1, 2, 4, 6, 20 })
        {
            var seen = new List<string>();
            string? token = null;
            do
            {
                var page = await Store.SearchRunsAsync(new RunSearch([experimentId], MaxResults: pageSize, OrderBy: [$"metrics.acc {direction}"], PageToken: token));
                seen.AddRange(page.Items.Select(r => r.Info.RunId));
                token = page.NextPageToken;
            }
            while (token is not null);

            Assert.Equal(order, seen);
        }
    }

    [Fact]
    public async Task SearchRuns_loads_each_runs_params_tags_and_latest_metrics()
    {
        var experimentId = await NewExperimentAsync();
        var first = await NewRunAsync(experimentId, 1);
        var second = await NewRunAsync(experimentId, 2);
        await Store.LogBatchAsync(first.Info.RunId, [new Metric("acc", 0.5, 1, 0)], [new Param("lr", "0.1")], [new Tag("who", "first")]);
        await Store.LogBatchAsync(second.Info.RunId, [new Metric("acc", 0.7, 1, 0)], [new Param("lr", "0.2")], [new Tag("who", "second")]);

        var runs = (await Store.SearchRunsAsync(new RunSearch([experimentId]))).Items;

        Assert.Equal([second.Info.RunId, first.Info.RunId], runs.Select(r => r.Info.RunId));
        Assert.Equal([new Param("lr", "0.2")], runs[0].Data.Params);
        Assert.Equal(0.5, Assert.Single(runs[1].Data.Metrics).Value);
        Assert.Contains(new Tag("who", "first"), runs[1].Data.Tags);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("metrics.acc DESC")]
    public async Task SearchRuns_returns_each_runs_own_columns_as_get_run_does_in_either_page_order(string? orderBy)
    {
        // The page query reads the runs' columns itself (default order and metric order, including the runs
        // without the metric that follow the valued ones), so they must match a run read by id.
        var experimentId = await NewExperimentAsync();
        var valued = await NewRunAsync(experimentId, 5, "valued");
        var missing = await NewRunAsync(experimentId, 7, "missing");
        await Store.LogBatchAsync(valued.Info.RunId, [new Metric("acc", 0.9, 1, 0)], [], []);
        await Store.UpdateRunInfoAsync(valued.Info.RunId, RunStatus.FINISHED, 99, null);

        var runs = (await Store.SearchRunsAsync(new RunSearch([experimentId], OrderBy: orderBy is null ? null : [orderBy]))).Items;

        Assert.Equal(2, runs.Count);
        foreach (var run in runs)
        {
            Assert.Equal((await Store.GetRunAsync(run.Info.RunId)).Info, run.Info);
        }

        Assert.Equal(orderBy is null ? ["missing", "valued"] : ["valued", "missing"], runs.Select(r => r.Info.RunName));
        Assert.Equal(RunStatus.FINISHED, runs.Single(r => r.Info.RunId == valued.Info.RunId).Info.Status);
        Assert.Equal(99, runs.Single(r => r.Info.RunId == valued.Info.RunId).Info.EndTime);
        Assert.Null(runs.Single(r => r.Info.RunId == missing.Info.RunId).Info.EndTime);
    }

    [Fact]
    public async Task SearchRuns_honours_the_view_type_and_the_experiments_asked_for()
    {
        var experimentId = await NewExperimentAsync();
        var other = await NewExperimentAsync();
        var kept = await NewRunAsync(experimentId);
        var gone = await NewRunAsync(experimentId);
        await NewRunAsync(other);
        await Store.DeleteRunAsync(gone.Info.RunId);

        async Task<IEnumerable<string>> Ids(ViewType viewType) =>
            (await Store.SearchRunsAsync(new RunSearch([experimentId], ViewType: viewType))).Items.Select(r => r.Info.RunId).Order();

        Assert.Equal([kept.Info.RunId], await Ids(ViewType.ACTIVE_ONLY));
        Assert.Equal([gone.Info.RunId], await Ids(ViewType.DELETED_ONLY));
        Assert.Equal(new[] { kept.Info.RunId, gone.Info.RunId }.Order(), await Ids(ViewType.ALL));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("eyJvdGhlciI6IDF9")]
    public async Task SearchRuns_rejects_a_malformed_page_token(string token)
    {
        var experimentId = await NewExperimentAsync();

        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.SearchRunsAsync(new RunSearch([experimentId], PageToken: token)));
        Assert.StartsWith("Invalid page token", error.Message);
    }

    [Fact]
    public async Task SearchRuns_rejects_more_than_50000_results_per_page()
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.SearchRunsAsync(new RunSearch(["0"], MaxResults: 50001)));
        Assert.Equal("Invalid value for request parameter max_results. It must be at most 50000, but got value 50001", error.Message);
    }

    [Fact]
    public async Task SearchRuns_of_unknown_or_malformed_experiment_ids_finds_nothing()
    {
        await NewRunAsync("0");

        var page = await Store.SearchRunsAsync(new RunSearch(["999", "x"]));

        Assert.Empty(page.Items);
    }
}
