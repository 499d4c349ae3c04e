using Fathom.Core.Errors;
using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Tests.Stores;

public sealed class SqliteLoggingTests : LoggingConformance<SqliteTarget>;

public sealed class PostgresLoggingTests : LoggingConformance<PostgresTarget>;

/// <summary>log-batch: metrics, params and tags, with MLflow's rules, limits and messages.</summary>
public abstract class LoggingConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task LogBatch_stores_metrics_params_and_tags()
    {
        var run = await NewRunAsync();

        await Store.LogBatchAsync(run.Info.RunId,
            [new Metric("loss", 0.5, 100, 1), new Metric("acc", 0.9, 100, 1)],
            [new Param("lr", "0.01")],
            [new Tag("stage", "train")]);

        var data = (await Store.GetRunAsync(run.Info.RunId)).Data;
        Assert.Equal([new Metric("acc", 0.9, 100, 1), new Metric("loss", 0.5, 100, 1)], data.Metrics);
        Assert.Equal([new Param("lr", "0.01")], data.Params);
        Assert.Contains(new Tag("stage", "train"), data.Tags);
    }

    [Fact]
    public async Task The_latest_metric_is_the_largest_step_then_timestamp_then_value()
    {
        var run = await NewRunAsync();
        var id = run.Info.RunId;

        await Store.LogBatchAsync(id, [new Metric("m", 1, 500, 5)], [], []);
        await Store.LogBatchAsync(id, [new Metric("m", 2, 900, 4)], [], []);
        Assert.Equal(new Metric("m", 1, 500, 5), Latest(await Store.GetRunAsync(id)));

        await Store.LogBatchAsync(id, [new Metric("m", 3, 600, 5)], [], []);
        Assert.Equal(new Metric("m", 3, 600, 5), Latest(await Store.GetRunAsync(id)));

        await Store.LogBatchAsync(id, [new Metric("m", 7, 600, 5), new Metric("m", 4, 600, 5)], [], []);
        Assert.Equal(new Metric("m", 7, 600, 5), Latest(await Store.GetRunAsync(id)));
    }

    [Fact]
    public async Task NaN_and_infinities_round_trip_through_history_and_latest_values()
    {
        var run = await NewRunAsync();

        await Store.LogBatchAsync(run.Info.RunId,
            [new Metric("nan", double.NaN, 1, 0), new Metric("pos", double.PositiveInfinity, 1, 0), new Metric("neg", double.NegativeInfinity, 1, 0)],
            [], []);

        var latest = (await Store.GetRunAsync(run.Info.RunId)).Data.Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.True(double.IsNaN(latest["nan"]));
        Assert.Equal(double.PositiveInfinity, latest["pos"]);
        Assert.Equal(double.NegativeInfinity, latest["neg"]);
        var history = await Store.GetMetricHistoryAsync(run.Info.RunId, "nan", null, null);
        Assert.True(double.IsNaN(Assert.Single(history.Items).Value));
    }

    [Fact]
    public async Task Logging_the_same_metric_point_twice_is_not_an_error_and_stores_it_once()
    {
        var run = await NewRunAsync();
        var point = new Metric("m", 1.5, 10, 2);

        await Store.LogBatchAsync(run.Info.RunId, [point, point], [], []);
        await Store.LogBatchAsync(run.Info.RunId, [point], [], []);

        Assert.Equal([point], (await Store.GetMetricHistoryAsync(run.Info.RunId, "m", null, null)).Items);
    }

    [Fact]
    public async Task A_param_may_be_logged_again_with_the_same_value_but_never_changed()
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [], [new Param("depth", "3")], []);
        await Store.LogBatchAsync(run.Info.RunId, [], [new Param("depth", "3")], []);

        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.LogBatchAsync(run.Info.RunId, [], [new Param("depth", "5")], []));

        Assert.Equal(
            "Changing param values is not allowed. Params were already logged=" +
            $"'[{{'key': 'depth', 'old_value': '3', 'new_value': '5'}}]' for run ID='{run.Info.RunId}'.",
            error.Message);
        Assert.Equal([new Param("depth", "3")], (await Store.GetRunAsync(run.Info.RunId)).Data.Params);
    }

    [Fact]
    public async Task A_rejected_batch_writes_nothing_at_all()
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [], [new Param("p", "1")], []);

        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () =>
            Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, 1, 1)], [new Param("p", "2")], [new Tag("t", "x")]));

        var data = (await Store.GetRunAsync(run.Info.RunId)).Data;
        Assert.Empty(data.Metrics);
        Assert.DoesNotContain(data.Tags, t => t.Key == "t");
    }

    [Theory]
    [InlineData(1001, 0, 0, "A batch logging request can contain at most 1000 metrics. Got 1001 metrics.")]
    [InlineData(0, 101, 0, "A batch logging request can contain at most 100 params. Got 101 params.")]
    [InlineData(0, 0, 101, "A batch logging request can contain at most 100 tags. Got 101 tags.")]
    [InlineData(950, 30, 30, "A batch logging request can contain at most 1000 metrics, params, and tags. Got 1010 metrics, params, and tags.")]
    public async Task LogBatch_enforces_MLflows_batch_limits(int metrics, int parameters, int tags, string message)
    {
        var run = await NewRunAsync();

        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Store.LogBatchAsync(run.Info.RunId,
            [.. Enumerable.Range(0, metrics).Select(i => new Metric("m", i, 1, i))],
            [.. Enumerable.Range(0, parameters).Select(i => new Param($"p{i}", "v"))],
            [.. Enumerable.Range(0, tags).Select(i => new Tag($"t{i}", "v"))]));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public async Task A_full_batch_keeps_every_point_once_and_the_newest_per_key_with_special_values()
    {
        var run = await NewRunAsync();
        var id = run.Info.RunId;
        await Store.LogBatchAsync(id, [new Metric("k1", 5, 1, 1_000)], [], []);
        var metrics = Enumerable.Range(0, 996)
            .Select(i => new Metric($"k{i % 4}", i, 1_000 + i, i / 4))
            .Append(new Metric("k0", double.NaN, 5_000, 400))
            .Append(new Metric("k2", double.PositiveInfinity, 5_000, 400))
            .Append(new Metric("k3", double.NegativeInfinity, 5_000, 400))
            .Append(new Metric("k0", 0, 1_000, 0))
            .ToList();

        await Store.LogBatchAsync(id, metrics, [], []);

        var latest = (await Store.GetRunAsync(id)).Data.Metrics.ToDictionary(m => m.Key);
        Assert.True(double.IsNaN(latest["k0"].Value));
        Assert.Equal(new Metric("k1", 5, 1, 1_000), latest["k1"]);
        Assert.Equal(new Metric("k2", double.PositiveInfinity, 5_000, 400), latest["k2"]);
        Assert.Equal(new Metric("k3", double.NegativeInfinity, 5_000, 400), latest["k3"]);
        var k0 = (await Store.GetMetricHistoryAsync(id, "k0", null, null)).Items;
        Assert.Equal(250, k0.Count);
        Assert.Equal(new Metric("k0", 0, 1_000, 0), k0[0]);
        Assert.Equal(new Metric("k0", 4, 1_004, 1), k0[1]);
        Assert.Equal(250, (await Store.GetMetricHistoryAsync(id, "k1", null, null)).Items.Count);
    }

    [Fact]
    public async Task LogBatch_accepts_exactly_1000_metrics()
    {
        var run = await NewRunAsync();

        await Store.LogBatchAsync(run.Info.RunId, [.. Enumerable.Range(0, 1000).Select(i => new Metric($"m{i % 7}", i, 1, i))], [], []);

        Assert.Equal(7, (await Store.GetRunAsync(run.Info.RunId)).Data.Metrics.Count);
        var history = await Store.GetMetricHistoryAsync(run.Info.RunId, "m0", null, null);
        Assert.Equal(143, history.Items.Count);
    }

    [Theory]
    [InlineData("../escape", "Invalid metric name: '../escape'. Names may be treated as files in certain cases")]
    [InlineData("/abs", "Invalid metric name: '/abs'.")]
    [InlineData("a/../b", "Invalid metric name: 'a/../b'.")]
    [InlineData("bad!char", "Invalid metric name: 'bad!char'. Names may only contain alphanumerics")]
    public async Task LogBatch_rejects_metric_names_that_MLflow_rejects(string key, string message)
    {
        var run = await NewRunAsync();

        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.LogBatchAsync(run.Info.RunId, [new Metric(key, 1, 1, 0)], [], []));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public async Task LogBatch_rejects_overlong_param_and_tag_values()
    {
        var run = await NewRunAsync();

        var param = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.LogBatchAsync(run.Info.RunId, [], [new Param("p", new string('x', 6001))], []));
        var tag = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.SetTagAsync(run.Info.RunId, new Tag("t", new string('x', 5001))));

        Assert.EndsWith("had length 6001, which exceeded length limit of 6000", param.Message);
        Assert.EndsWith("had length 5001, which exceeded length limit of 5000", tag.Message);
        await Store.LogBatchAsync(run.Info.RunId, [], [new Param("p", new string('x', 6000))], [new Tag("t", new string('y', 5000))]);
    }

    [Fact]
    public async Task LogBatch_rejects_duplicate_param_keys_and_negative_timestamps()
    {
        var run = await NewRunAsync();

        var duplicate = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.LogBatchAsync(run.Info.RunId, [], [new Param("a", "1"), new Param("a", "1")], []));
        var timestamp = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, -1, 0)], [], []));

        Assert.StartsWith("Duplicate parameter keys have been submitted: ['a'].", duplicate.Message);
        Assert.StartsWith("Got invalid timestamp -1 for metric 'm' (value=1.0).", timestamp.Message);
    }

    [Fact]
    public async Task Batch_tags_with_one_key_keep_the_last_value()
    {
        var run = await NewRunAsync();

        await Store.LogBatchAsync(run.Info.RunId, [], [], [new Tag("k", "first"), new Tag("k", "last")]);

        Assert.Contains(new Tag("k", "last"), (await Store.GetRunAsync(run.Info.RunId)).Data.Tags);
    }

    [Fact]
    public async Task A_second_store_on_the_same_database_sees_every_committed_write()
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, 1, 1)], [new Param("p", "v")], [new Tag("t", "v")]);

        await using var other = await Fathom.Tracking.Stores.TrackingStoreFactory.OpenAsync(Uri, Options);

        var seen = await other.GetRunAsync(run.Info.RunId);
        Assert.Single(seen.Data.Metrics);
        Assert.Single(seen.Data.Params);
    }

    private static Metric Latest(Run run) => Assert.Single(run.Data.Metrics);
}
