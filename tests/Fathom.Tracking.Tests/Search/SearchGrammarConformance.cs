using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Tests.Stores;

namespace Fathom.Tracking.Tests.Search;

public sealed class SqliteSearchGrammarTests : SearchGrammarConformance<SqliteTarget>;

public sealed class PostgresSearchGrammarTests : SearchGrammarConformance<PostgresTarget>;

/// <summary>MLflow's run search grammar through a real store: filters, order_by and paging on both backends.</summary>
public abstract class SearchGrammarConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    private string? experimentId;

    private async Task<string> ExperimentIdAsync() => experimentId ??= await NewExperimentAsync();

    private async Task<string> RunAsync(long startTime, string? name = null, Metric[]? metrics = null, Param[]? parameters = null, Tag[]? tags = null)
    {
        var run = await NewRunAsync(await ExperimentIdAsync(), startTime, name);
        await Store.LogBatchAsync(run.Info.RunId, metrics ?? [], parameters ?? [], tags ?? []);
        return run.Info.RunId;
    }

    private static Metric Acc(double value) => new("acc", value, 1, 0);

    private async Task<List<string>> SearchAsync(string? filter, params string[] orderBy) =>
        [.. (await Store.SearchRunsAsync(new RunSearch([await ExperimentIdAsync()], filter, OrderBy: orderBy))).Items.Select(r => r.Info.RunId)];

    [Fact]
    public async Task A_metric_and_param_filter_returns_exactly_the_matching_runs_newest_first()
    {
        var match = await RunAsync(1, metrics: [Acc(0.9)], parameters: [new Param("lr", "0.01")]);
        var newerMatch = await RunAsync(2, metrics: [Acc(0.6)], parameters: [new Param("lr", "0.01")]);
        await RunAsync(3, metrics: [Acc(0.4)], parameters: [new Param("lr", "0.01")]);
        await RunAsync(4, metrics: [Acc(0.9)], parameters: [new Param("lr", "0.1")]);
        await RunAsync(5, parameters: [new Param("lr", "0.01")]);

        Assert.Equal([newerMatch, match], await SearchAsync("metrics.acc > 0.5 and params.lr = '0.01'"));
    }

    [Fact]
    public async Task Filters_compare_the_latest_metric_value()
    {
        var run = await RunAsync(1, metrics: [new Metric("acc", 0.9, 1, 0), new Metric("acc", 0.2, 2, 1)]);

        Assert.Empty(await SearchAsync("metrics.acc > 0.5"));
        Assert.Equal([run], await SearchAsync("metrics.acc < 0.5"));
    }

    [Fact]
    public async Task LIKE_is_case_sensitive_and_ILIKE_is_not()
    {
        var upper = await RunAsync(1, parameters: [new Param("model", "Alpha_net")]);
        var lower = await RunAsync(2, parameters: [new Param("model", "alpha_net")]);

        Assert.Equal([lower], await SearchAsync("params.model LIKE 'alpha%'"));
        Assert.Equal([lower, upper], await SearchAsync("params.model ILIKE 'ALPHA%'"));
        Assert.Equal([lower, upper], await SearchAsync("params.model LIKE '%lpha_net'"));
        Assert.Empty(await SearchAsync("params.model LIKE 'alpha'"));
    }

    [Theory]
    [InlineData("DESC", new[] { 0, 1, 2, 3 })]
    [InlineData("ASC", new[] { 1, 0, 2, 3 })]
    public async Task Ordering_by_a_metric_puts_NaN_then_runs_without_it_last(string direction, int[] expectedOrder)
    {
        string[] runs =
        [
            await RunAsync(1, metrics: [Acc(0.9)]),
            await RunAsync(2, metrics: [Acc(-1.5)]),
            await RunAsync(3, metrics: [Acc(double.NaN)]),
            await RunAsync(4),
        ];

        Assert.Equal(expectedOrder.Select(i => runs[i]), await SearchAsync(null, $"metrics.acc {direction}"));
    }

    [Fact]
    public async Task Ordering_by_a_param_or_tag_puts_runs_without_it_last_in_both_directions()
    {
        var b = await RunAsync(1, parameters: [new Param("opt", "b")], tags: [new Tag("t", "y")]);
        var a = await RunAsync(2, parameters: [new Param("opt", "a")], tags: [new Tag("t", "z")]);
        var none = await RunAsync(3);

        Assert.Equal([a, b, none], await SearchAsync(null, "params.opt"));
        Assert.Equal([b, a, none], await SearchAsync(null, "params.opt DESC"));
        Assert.Equal([a, b, none], await SearchAsync(null, "tags.t DESC"));
    }

    [Fact]
    public async Task Several_order_by_keys_apply_in_turn_before_the_tie_breakers()
    {
        var first = await RunAsync(1, metrics: [Acc(0.5)], parameters: [new Param("opt", "b")]);
        var second = await RunAsync(2, metrics: [Acc(0.5)], parameters: [new Param("opt", "a")]);
        var third = await RunAsync(3, metrics: [Acc(0.1)], parameters: [new Param("opt", "a")]);

        Assert.Equal([second, first, third], await SearchAsync(null, "metrics.acc DESC", "params.opt"));
        Assert.Equal([third, second, first], await SearchAsync(null, "params.opt", "start_time DESC"));
    }

    [Fact]
    public async Task Run_attributes_filter_status_times_ids_and_names()
    {
        var finished = await RunAsync(100, name: "brave-owl");
        var running = await RunAsync(200, name: "calm-fox");
        await Store.UpdateRunInfoAsync(finished, RunStatus.FINISHED, 150, null);

        Assert.Equal([finished], await SearchAsync("attributes.status = 'FINISHED'"));
        Assert.Equal([running], await SearchAsync("status != 'FINISHED'"));
        Assert.Equal([finished], await SearchAsync("end_time <= 150"));
        Assert.Equal([running], await SearchAsync("created > 150"));
        Assert.Equal([running, finished], await SearchAsync($"run_id IN ('{finished}', '{running}')"));
        Assert.Equal([running], await SearchAsync($"run_id NOT IN ('{finished}')"));
        Assert.Equal([finished], await SearchAsync("attributes.run_name = 'brave-owl'"));
        Assert.Equal([running], await SearchAsync("tags.mlflow.runName LIKE 'calm%'"));
        Assert.Equal([running, finished], await SearchAsync("user_id = 'tester' AND artifact_uri LIKE 'mlflow-artifacts:%'"));
    }

    [Fact]
    public async Task A_renamed_run_is_found_by_its_new_name()
    {
        var run = await RunAsync(1, name: "old-name");
        await Store.UpdateRunInfoAsync(run, null, null, "new-name");

        Assert.Equal([run], await SearchAsync("run_name = 'new-name'"));
        Assert.Empty(await SearchAsync("run_name = 'old-name'"));
        Assert.Equal([run], await SearchAsync(null, "run_name DESC"));
    }

    [Fact]
    public async Task Dataset_name_digest_and_context_find_runs_by_their_inputs()
    {
        var train = await RunAsync(1);
        var eval = await RunAsync(2);
        await RunAsync(3);
        DatasetInput Input(string digest, string context) =>
            new([new Tag("mlflow.data.context", context)], new Dataset("iris", digest, "local", "{}", null, null));
        await Store.LogInputsAsync(train, [Input("d1", "training")]);
        await Store.LogInputsAsync(eval, [Input("d2", "evaluation")]);

        Assert.Equal([eval, train], await SearchAsync("datasets.name = 'iris'"));
        Assert.Equal([train], await SearchAsync("datasets.digest IN ('d1')"));
        Assert.Equal([eval], await SearchAsync("datasets.context LIKE 'eval%'"));
    }

    [Fact]
    public async Task Quotes_and_SQL_in_values_are_matched_literally()
    {
        var quoted = await RunAsync(1, tags: [new Tag("note", "it's; DROP TABLE runs")]);

        Assert.Equal([quoted], await SearchAsync("tags.note = \"it's; DROP TABLE runs\""));
        Assert.Equal([quoted], await SearchAsync("tags.note LIKE '%DROP TABLE runs'"));
        Assert.Equal([quoted], await SearchAsync(null));
    }

    [Fact]
    public async Task Pages_of_a_filtered_and_ordered_search_cover_every_match_once()
    {
        var expected = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var id = await RunAsync(i, metrics: [Acc(i / 10.0)], parameters: [new Param("keep", i % 3 == 0 ? "no" : "yes")]);
            if (i % 3 != 0)
            {
                expected.Insert(0, id);
            }
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.SearchRunsAsync(
                new RunSearch([await ExperimentIdAsync()], "params.keep = 'yes'", MaxResults: 3, OrderBy: ["metrics.acc DESC"], PageToken: token));
            seen.AddRange(page.Items.Select(r => r.Info.RunId));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("metrics.acc > 0.5 OR params.lr = '1'", "Invalid clause(s) in filter string: 'OR'")]
    [InlineData("params.lr > '1'", "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'LIKE'}'")]
    public async Task A_bad_filter_is_an_invalid_parameter(string filter, string message)
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => SearchAsync(filter));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task A_bad_order_by_is_an_invalid_parameter()
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => SearchAsync(null, "metrics.acc sideways"));
        Assert.Equal("Invalid ordering key in order_by clause 'metrics.acc sideways'.", error.Message);
    }
}
