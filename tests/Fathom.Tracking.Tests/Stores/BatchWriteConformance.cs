using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

public sealed class SqliteBatchWriteTests : BatchWriteConformance<SqliteTarget>;

public sealed class PostgresBatchWriteTests : BatchWriteConformance<PostgresTarget>;

/// <summary>
/// log-batch's write path as a training client drives it: many steps of a few keys per batch, in any order, with
/// repeated points, in batch sizes that exercise every multi-row statement size (100, 10 and 1 rows).
/// </summary>
public abstract class BatchWriteConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task A_batch_of_many_steps_of_one_key_keeps_the_largest_step_as_the_latest_value()
    {
        var run = await NewRunAsync();
        var id = run.Info.RunId;

        await Store.LogBatchAsync(id, [.. Enumerable.Range(0, 1000).Select(s => new Metric("loss", 1.0 / (s + 1), 5_000 - s, s))], [], []);

        var latest = Assert.Single((await Store.GetRunAsync(id)).Data.Metrics);
        Assert.Equal(new Metric("loss", 1.0 / 1000, 4_001, 999), latest);
        var history = (await Store.GetMetricHistoryAsync(id, "loss", null, null)).Items;
        Assert.Equal(Enumerable.Range(0, 1000).Select(s => (long)s), history.Select(m => m.Step));
    }

    [Fact]
    public async Task A_batch_in_reverse_order_with_repeated_points_stores_each_point_once_in_history_order()
    {
        var run = await NewRunAsync();
        var id = run.Info.RunId;
        Metric[] earlier = [new("a", 1, 10, 3), new("b", 2, 10, 3)];
        await Store.LogBatchAsync(id, earlier, [], []);

        // 123 rows: 100 + 10 + 10 + 1 + 1 + 1. Steps run backwards; each step of "a" comes twice, and one point of the
        // earlier batch comes again; step 3 of "a" also gets a second timestamp and a second value.
        var batch = Enumerable.Range(0, 60).Reverse()
            .SelectMany(s => new[] { new Metric("a", s * 0.5, 100 + s, s), new Metric("b", -s, 100 + s, s) })
            .Concat([new Metric("a", 1, 10, 3), new Metric("a", 1, 11, 3), new Metric("a", 0.25, 11, 3)])
            .ToList();
        batch.InsertRange(7, batch.Where(m => m.Key == "a").Take(60).ToList());
        Assert.Equal(183, batch.Count);
        await Store.LogBatchAsync(id, [.. batch.Take(123)], [], []);
        await Store.LogBatchAsync(id, [.. batch.Skip(123)], [], []);

        var expectedA = earlier.Concat(batch).Where(m => m.Key == "a").Distinct()
            .OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ThenBy(m => m.Value).ToList();
        Assert.Equal(expectedA, (await Store.GetMetricHistoryAsync(id, "a", null, null)).Items);
        Assert.Equal(61, (await Store.GetMetricHistoryAsync(id, "b", null, null)).Items.Count);
        var latest = (await Store.GetRunAsync(id)).Data.Metrics.ToDictionary(m => m.Key);
        Assert.Equal(new Metric("a", 29.5, 159, 59), latest["a"]);
        Assert.Equal(new Metric("b", -59, 159, 59), latest["b"]);
    }

    [Fact]
    public async Task Every_metric_of_a_batch_is_checked_even_when_its_key_came_before()
    {
        var run = await NewRunAsync();
        var good = Enumerable.Range(0, 50).Select(s => new Metric("ok", s, 1, s)).ToList();

        var timestamp = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.LogBatchAsync(run.Info.RunId, [.. good, new Metric("ok", 2, -5, 99)], [], []));
        var name = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.LogBatchAsync(run.Info.RunId, [.. good, new Metric("bad!", 1, 1, 0), new Metric("ok", 2, -5, 99)], [], []));

        Assert.StartsWith("Got invalid timestamp -5 for metric 'ok' (value=2.0).", timestamp.Message);
        Assert.StartsWith("Invalid metric name: 'bad!'.", name.Message);
        Assert.Empty((await Store.GetRunAsync(run.Info.RunId)).Data.Metrics);
    }

    [Fact]
    public async Task Concurrent_batches_of_several_runs_each_keep_their_own_history_and_latest_values()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NewRunAsync()));

        await Task.WhenAll(runs.SelectMany((run, r) => Enumerable.Range(0, 5).Select(b => Store.LogBatchAsync(run.Info.RunId,
            [.. Enumerable.Range(0, 200).Select(i => new Metric($"m{i % 4}", (r * 1000) + (b * 50) + (i / 4), 7, (b * 50) + (i / 4)))], [], []))));

        for (var r = 0; r < runs.Length; r++)
        {
            var latest = (await Store.GetRunAsync(runs[r].Info.RunId)).Data.Metrics;
            Assert.Equal(4, latest.Count);
            Assert.All(latest, m => Assert.Equal(new Metric(m.Key, (r * 1000) + 249, 7, 249), m));
            var history = (await Store.GetMetricHistoryAsync(runs[r].Info.RunId, "m2", null, null)).Items;
            Assert.Equal(Enumerable.Range(0, 250).Select(s => (double)((r * 1000) + s)), history.Select(m => m.Value));
        }
    }

    [Fact]
    public async Task Two_stores_on_one_database_interning_keys_in_turn_write_each_key_under_its_own_id()
    {
        // Each store keeps the key ids it has committed; the other store's new keys must still be looked up.
        await using var second = await TrackingStoreFactory.OpenAsync(Uri, Options);
        var id = (await NewRunAsync()).Info.RunId;

        await Store.LogBatchAsync(id, [new Metric("first", 1, 10, 0)], [], []);
        await second.LogBatchAsync(id, [new Metric("second", 2, 10, 0), new Metric("first", 3, 10, 1)], [], []);
        await Store.LogBatchAsync(id, [new Metric("second", 4, 10, 1), new Metric("first", 5, 10, 2), new Metric("third", 6, 10, 0)], [], []);
        await second.LogBatchAsync(id, [new Metric("third", 7, 10, 1)], [], []);

        Assert.Equal([1.0, 3, 5], (await Store.GetMetricHistoryAsync(id, "first", null, null)).Items.Select(m => m.Value));
        Assert.Equal([2.0, 4], (await second.GetMetricHistoryAsync(id, "second", null, null)).Items.Select(m => m.Value));
        Assert.Equal([6.0, 7], (await Store.GetMetricHistoryAsync(id, "third", null, null)).Items.Select(m => m.Value));
        var latest = (await Store.GetRunAsync(id)).Data.Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal(new Dictionary<string, double> { ["first"] = 5, ["second"] = 4, ["third"] = 7 }, latest);
    }
}
