using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

/// <summary>
/// What a killed process leaves behind is the database file and its WAL as they are on disk while the store is
/// open; copying both mid-flight and opening the copy shows every committed write survives and the file opens cleanly.
/// </summary>
public sealed class SqliteCrashSafetyTests : StoreTestBase<SqliteTarget>
{
    [Fact]
    public async Task The_files_of_an_open_store_reopen_with_every_committed_write()
    {
        var run = await NewRunAsync();
        await Store.LogBatchAsync(run.Info.RunId, [.. Enumerable.Range(0, 500).Select(i => new Metric("m", i, 1, i))], [new Param("p", "1")], []);

        var path = StoreUri.SqlitePath(Uri);
        var copy = Directory.CreateTempSubdirectory("fathom-crash-copy-").FullName;
        try
        {
            foreach (var suffix in new[] { "", "-wal" })
            {
                if (File.Exists(path + suffix))
                {
                    using var source = new FileStream(path + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    using var target = File.Create(Path.Combine(copy, "fathom.db" + suffix));
                    await source.CopyToAsync(target);
                }
            }

            await using var reopened = await TrackingStoreFactory.OpenAsync("sqlite:///" + Path.Combine(copy, "fathom.db"), Options);
            var seen = await reopened.GetRunAsync(run.Info.RunId);
            Assert.Equal(499, Assert.Single(seen.Data.Metrics).Step);
            Assert.Equal(500, (await reopened.GetMetricHistoryAsync(run.Info.RunId, "m", null, null)).Items.Count);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task Committed_writes_reach_the_database_file_while_the_store_stays_open()
    {
        // Requests never checkpoint the WAL themselves (auto-checkpoint is off); the background checkpointer must.
        var path = StoreUri.SqlitePath(Uri);
        var before = new FileInfo(path).Length;
        var run = await NewRunAsync();
        for (var batch = 0; batch < 20; batch++)
        {
            await Store.LogBatchAsync(run.Info.RunId, [.. Enumerable.Range(0, 1000).Select(i => new Metric($"m{batch}", i, 1, i))], [], []);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(path).Length <= before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(new FileInfo(path).Length > before, $"the database file stayed at {before} bytes: the WAL was never checkpointed");
    }

    [Fact]
    public async Task A_store_closed_twice_closes_once_without_error()
    {
        // The server's host disposes the store through each registration it is known by.
        var store = await TrackingStoreFactory.OpenAsync(Uri, Options);
        await store.DisposeAsync();
        var second = await Record.ExceptionAsync(async () => await store.DisposeAsync());
        Assert.Null(second);
    }

    [Fact]
    public async Task The_wal_stays_bounded_while_writes_arrive_back_to_back()
    {
        // Each batch rewrites 20 tags of 5,000 characters: about 100 KB of WAL frames per commit, no gaps between
        // commits, 160 MB of frames in all. A PASSIVE-only checkpointer never sees the WAL fully copied and let it grow
        // past 160 MiB; with the background RESTART alone it still reached 117-163 MiB on a loaded machine. The writer's
        // own RESTART past the journal size limit bounds it at that limit (64 MiB) plus one commit.
        var run = await NewRunAsync();
        var wal = StoreUri.SqlitePath(Uri) + "-wal";
        long largest = 0;
        for (var batch = 0; batch < 800; batch++)
        {
            var value = new string((char)('a' + batch % 26), 5000);
            await Store.LogBatchAsync(run.Info.RunId, [], [], [.. Enumerable.Range(0, 20).Select(i => new Tag($"t{i}", value))]);
            largest = Math.Max(largest, new FileInfo(wal).Length);
        }

        const long bound = 72L << 20;
        Assert.True(largest < bound, $"the WAL reached {largest >> 20} MiB while writes kept arriving (bound {bound >> 20} MiB)");
        Assert.Equal(new string((char)('a' + 799 % 26), 5000), (await Store.GetRunAsync(run.Info.RunId)).Data.Tags.Single(t => t.Key == "t7").Value);
    }
}
