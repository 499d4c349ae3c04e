using Fathom.Tracking.Entities;
using Fathom.Tracking.Sql;
using Fathom.Tracking.Sql.Sqlite;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

/// <summary>How SQLite lays metric history out in metric_blocks: few rows per log-batch, small writes grouped.</summary>
public sealed class SqliteMetricBlockTests : StoreTestBase<SqliteTarget>
{
    [Fact]
    public async Task LogBatch_writes_one_block_per_key()
    {
        var run = await NewRunAsync();
        var batch = Enumerable.Range(0, 1000).Select(i => new Metric($"k{i % 10}", i, 1, i / 10)).ToList();

        await Store.LogBatchAsync(run.Info.RunId, batch, [], []);

        Assert.Equal([100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L], await BlockSizesAsync());
    }

    [Fact]
    public async Task Points_logged_one_at_a_time_grow_the_last_block_up_to_its_small_size()
    {
        var run = await NewRunAsync();
        const int points = (SqliteBlockWriter.SmallBlockPoints * 3) + 5;
        for (var step = 0; step < points; step++)
        {
            await Store.LogBatchAsync(run.Info.RunId, [new Metric("loss", step * 0.5, 100 + step, step)], [], []);
        }

        long full = SqliteBlockWriter.SmallBlockPoints;
        Assert.Equal([full, full, full, 5L], await BlockSizesAsync());
        var history = await Store.GetMetricHistoryAsync(run.Info.RunId, "loss", null, null);
        Assert.Equal(Enumerable.Range(0, points).Select(s => (long)s), history.Items.Select(p => p.Step));
    }

    [Fact]
    public async Task A_small_write_before_every_block_starts_its_own_and_a_point_in_both_reads_back_once()
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, 1, 10), new Metric("m", 2, 1, 20)], [], []);
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 3, 1, 5), new Metric("m", 2, 1, 20)], [], []);

        var history = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", 2, null);
        var rest = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", 2, history.NextPageToken);

        Assert.Equal([5L, 10L, 20L], history.Items.Concat(rest.Items).Select(p => p.Step));
        Assert.Null(rest.NextPageToken);
        Assert.Equal([2L, 2L], await BlockSizesAsync());
    }

    [Fact]
    public async Task Two_writers_logging_far_apart_steps_of_one_key_one_point_at_a_time_read_back_in_order()
    {
        var run = await NewRunAsync();
        for (var i = 0; i < 100; i++)
        {
            await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", i, 1, 1_000_000 + i)], [], []);
            await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", i, 1, i)], [], []);
        }

        var seen = new List<long>();
        string? token = null;
        do
        {
            var page = await Store.GetMetricHistoryAsync(run.Info.RunId, "m", 30, token);
            seen.AddRange(page.Items.Select(p => p.Step));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i).Concat(Enumerable.Range(1_000_000, 100).Select(i => (long)i)), seen);
        Assert.True((await BlockSizesAsync()).Count <= 5, "200 points logged one at a time must share blocks");
    }

    private async Task<List<long>> BlockSizesAsync()
    {
        await using var backend = TrackingStoreFactory.OpenBackend(Uri);
        return await backend.ReadAsync(s => s.ListAsync("SELECT point_count FROM metric_blocks ORDER BY key_id, min_step", r => r.GetInt64(0)), default);
    }
}
