using Fathom.Core.Errors;
using Fathom.Tracking.Entities;

namespace Fathom.Tracking.Tests.Stores;

public sealed class SqliteConcurrencyTests : ConcurrencyConformance<SqliteTarget>;

public sealed class PostgresConcurrencyTests : ConcurrencyConformance<PostgresTarget>;

/// <summary>Many writers at once: no lost writes, no lock errors, and write-once rules that hold under races.</summary>
public abstract class ConcurrencyConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task Many_tasks_logging_to_one_run_lose_no_writes()
    {
        const int writers = 16, batches = 20, perBatch = 25;
        var run = await NewRunAsync();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await Store.LogBatchAsync(run.Info.RunId, [], [new Param($"p{w}", w.ToString())], []);
            for (var b = 0; b < batches; b++)
            {
                var metrics = Enumerable.Range(0, perBatch).Select(i => new Metric($"k{w}", i, 1000 + b, (b * perBatch) + i)).ToList();
                metrics.Add(new Metric("shared", w, 1000 + b, (b * writers) + w));
                await Store.LogBatchAsync(run.Info.RunId, metrics, [], [new Tag($"t{w}", b.ToString())]);
            }
        })));

        var data = (await Store.GetRunAsync(run.Info.RunId)).Data;
        for (var w = 0; w < writers; w++)
        {
            var history = await Store.GetMetricHistoryAsync(run.Info.RunId, $"k{w}", null, null);
            Assert.Equal(batches * perBatch, history.Items.Count);
            Assert.Equal((batches * perBatch) - 1, data.Metrics.Single(m => m.Key == $"k{w}").Step);
            Assert.Contains(new Tag($"t{w}", (batches - 1).ToString()), data.Tags);
            Assert.Contains(new Param($"p{w}", w.ToString()), data.Params);
        }

        Assert.Equal(writers * batches, (await Store.GetMetricHistoryAsync(run.Info.RunId, "shared", null, null)).Items.Count);
        Assert.Equal((writers * batches) - 1, data.Metrics.Single(m => m.Key == "shared").Step);
    }

    [Fact]
    public async Task Racing_writers_of_one_param_with_different_values_leave_exactly_one_value()
    {
        var run = await NewRunAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            try
            {
                await Store.LogBatchAsync(run.Info.RunId, [], [new Param("p", $"v{w}")], []);
                return $"v{w}";
            }
            catch (FathomException e) when (e.Code == ErrorCode.INVALID_PARAMETER_VALUE)
            {
                return null;
            }
        })));

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal([new Param("p", winner!)], (await Store.GetRunAsync(run.Info.RunId)).Data.Params);
    }

    [Fact]
    public async Task Racing_creators_of_one_experiment_name_get_one_success_and_RESOURCE_ALREADY_EXISTS()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Store.CreateExperimentAsync("contested", null, []);
                return ErrorCode.INTERNAL_ERROR;
            }
            catch (FathomException e)
            {
                return e.Code;
            }
        })));

        Assert.Single(outcomes, o => o == ErrorCode.INTERNAL_ERROR);
        Assert.Equal(7, outcomes.Count(o => o == ErrorCode.RESOURCE_ALREADY_EXISTS));
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_see_consistent_runs()
    {
        var experimentId = await NewExperimentAsync();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var run = await NewRunAsync(experimentId, startTime: i);
                await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", i, 1, i)], [new Param("w", w.ToString())], []);
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var page = await Store.SearchRunsAsync(new Fathom.Tracking.Stores.RunSearch([experimentId], MaxResults: 20));
                Assert.All(page.Items, r => Assert.Equal(experimentId, r.Info.ExperimentId));
            }
        }));

        await Task.WhenAll(writers.Concat(readers));

        var all = await Store.SearchRunsAsync(new Fathom.Tracking.Stores.RunSearch([experimentId]));
        Assert.Equal(60, all.Items.Count);
        Assert.All(all.Items, r => Assert.Single(r.Data.Params));
    }
}
