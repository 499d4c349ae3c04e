using System.Diagnostics;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace StoreBench;

internal static class Scenarios
{
    /// <summary>log-batch of 1000 metrics (10 keys x 100 steps), one writer, after a warm-up.</summary>
    public static async Task LogBatchAsync(ITrackingStore store, string experimentId)
    {
        var run = await store.CreateRunAsync(new NewRun(experimentId, "bench", null, [], "batch"));
        static List<Metric> Batch(int b) =>
            [.. Enumerable.Range(0, 1000).Select(i => new Metric($"m{i % 10}", i * 0.001, 1_700_000_000_000 + b, (b * 100) + (i / 10)))];
        // A long warm-up: tiered compilation keeps re-compiling the hot path for the first few hundred batches.
        const int warmup = 300;
        for (var b = 0; b < warmup; b++)
        {
            await store.LogBatchAsync(run.Info.RunId, Batch(b), [], []);
        }

        const int batches = 1000;
        var bodies = Enumerable.Range(warmup, batches).Select(Batch).ToList();
        var clock = Clock.Start();
        foreach (var body in bodies)
        {
            await store.LogBatchAsync(run.Info.RunId, body, [], []);
        }

        var (wall, cpu) = clock.Stop();
        Console.WriteLine($"log-batch (1000 metrics, 1 writer): {batches * 1000 / wall.TotalSeconds:N0} metrics/s, " +
                          $"CPU {cpu.TotalMilliseconds * 1000 / (batches * 1000):F2} us per metric");
    }

    /// <summary>Single-metric log-batch calls from 8 concurrent writers for 5 s.</summary>
    public static async Task LogMetricAsync(ITrackingStore store, string experimentId)
    {
        var single = await store.CreateRunAsync(new NewRun(experimentId, "bench", null, [], "single"));
        var latencies = new List<double>[8];
        var clock = Clock.Start();
        var until = DateTime.UtcNow.AddSeconds(5);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            latencies[w] = [];
            for (var step = 0L; DateTime.UtcNow < until; step++)
            {
                var start = Stopwatch.GetTimestamp();
                await store.LogBatchAsync(single.Info.RunId, [new Metric($"w{w}", step, 1_700_000_000_000 + step, step)], [], []);
                latencies[w].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })));
        var (wall, cpu) = clock.Stop();
        var all = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"log-metric (8 writers): {all.Count / wall.TotalSeconds:N0} req/s, p50 {all[all.Count / 2]:F2} ms, " +
                          $"p99 {all[(int)(all.Count * 0.99)]:F2} ms, CPU {cpu.TotalMilliseconds * 1000 / all.Count:F1} us per write");
    }

    /// <summary>search-runs over 10,000 runs with params, metrics and tags, default order, 100 per page.</summary>
    public static async Task SearchAsync(ITrackingStore store, string experimentId)
    {
        for (var i = 0; i < 10_000; i++)
        {
            var r = await store.CreateRunAsync(new NewRun(experimentId, "bench", i, [new Tag("team", $"t{i % 7}")], null));
            await store.LogBatchAsync(r.Info.RunId, [new Metric("acc", (i % 100) / 100.0, 1, 0), new Metric("loss", 1.0 / (i + 1), 1, 0)],
                [new Param("lr", $"0.0{i % 5}"), new Param("depth", (i % 9).ToString())], []);
        }

        var searches = new List<double>();
        var clock = Clock.Start();
        for (var i = 0; i < 200; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var page = await store.SearchRunsAsync(new RunSearch([experimentId], MaxResults: 100, PageToken: i % 2 == 0 ? null : PageTokenFor(i * 100 % 9900)));
            searches.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (page.Items.Count != 100)
            {
                throw new InvalidOperationException("short page");
            }
        }

        var (_, cpu) = clock.Stop();
        searches.Sort();
        Console.WriteLine($"search-runs (10,000 runs, 100 per page): p50 {searches[100]:F2} ms, p95 {searches[190]:F2} ms, " +
                          $"CPU {cpu.TotalMilliseconds / 200:F2} ms per search");
    }

    /// <summary>get-history of a 100,000-step metric, every page, five times: logged by 100 log-batches, or one point per call.</summary>
    public static async Task HistoryAsync(ITrackingStore store, string experimentId, bool onePointPerCall = false)
    {
        var history = await store.CreateRunAsync(new NewRun(experimentId, "bench", null, [], "history"));
        if (onePointPerCall)
        {
            // 8 concurrent callers, as a server sees them: their writes share group commits.
            await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var step = w; step < 100_000; step += 8)
                {
                    await store.LogBatchAsync(history.Info.RunId, [new Metric("long", step, 1, step)], [], []);
                }
            })));
        }
        else
        {
            for (var b = 0; b < 100; b++)
            {
                await store.LogBatchAsync(history.Info.RunId, [.. Enumerable.Range(0, 1000).Select(i => new Metric("long", i, 1, (b * 1000) + i))], [], []);
            }
        }

        Console.WriteLine(onePointPerCall ? "history logged one point per call:" : "history logged by log-batch:");

        for (var repeat = 0; repeat < 5; repeat++)
        {
            var clock = Clock.Start();
            string? token = null;
            var points = 0;
            do
            {
                var page = await store.GetMetricHistoryAsync(history.Info.RunId, "long", null, token);
                points += page.Items.Count;
                token = page.NextPageToken;
            }
            while (token is not null);
            var (wall, cpu) = clock.Stop();
            Console.WriteLine($"get-history (100,000 steps, pages of 25,000): {points} points in {wall.TotalMilliseconds:F0} ms, CPU {cpu.TotalMilliseconds:F0} ms");
        }
    }

    private static string PageTokenFor(int offset) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}"));
}

/// <summary>Wall time and this process's CPU time (all threads) over one measured stretch.</summary>
internal readonly record struct Clock(long Started, TimeSpan CpuAtStart)
{
    public static Clock Start() => new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

    public (TimeSpan Wall, TimeSpan Cpu) Stop() =>
        (Stopwatch.GetElapsedTime(Started), Process.GetCurrentProcess().TotalProcessorTime - CpuAtStart);
}
