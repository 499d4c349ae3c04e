using System.Diagnostics;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

// Store-level throughput on this machine, without HTTP: what the server can at best get from the store.
// Usage: dotnet run -c Release --project bench/StoreBench [-- <backend store URI>]   (default: a temp SQLite file)
var folder = Directory.CreateTempSubdirectory("fathom-store-bench-").FullName;
var uri = args.Length > 0 ? args[0] : "sqlite:///" + Path.Combine(folder, "bench.db");
await using var store = await TrackingStoreFactory.OpenAsync(uri);
var experimentId = await store.CreateExperimentAsync("bench-" + Guid.NewGuid().ToString("N")[..6], null, []);
Console.WriteLine($"store: {uri}");

// 1. log-batch of 1000 metrics, sequential.
var run = await store.CreateRunAsync(new NewRun(experimentId, "bench", null, [], "batch"));
const int batches = 200;
var stopwatch = Stopwatch.StartNew();
for (var b = 0; b < batches; b++)
{
    var metrics = Enumerable.Range(0, 1000).Select(i => new Metric($"m{i % 10}", i * 0.001, 1_700_000_000_000 + b, (b * 100) + (i / 10))).ToList();
    await store.LogBatchAsync(run.Info.RunId, metrics, [], []);
}

Console.WriteLine($"log-batch (1000 metrics, 1 writer): {batches * 1000 / stopwatch.Elapsed.TotalSeconds:N0} metrics/s");

// 2. single-metric log-batch from 8 concurrent writers for 5 s.
var single = await store.CreateRunAsync(new NewRun(experimentId, "bench", null, [], "single"));
var latencies = new List<double>[8];
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
var all = latencies.SelectMany(l => l).Order().ToList();
Console.WriteLine($"log-metric (8 writers): {all.Count / 5.0:N0} req/s, p50 {all[all.Count / 2]:F2} ms, p99 {all[(int)(all.Count * 0.99)]:F2} ms");

// 3. search-runs over 10,000 runs with params, metrics and tags, default order, 100 per page.
for (var i = 0; i < 10_000; i++)
{
    var r = await store.CreateRunAsync(new NewRun(experimentId, "bench", i, [new Tag("team", $"t{i % 7}")], null));
    await store.LogBatchAsync(r.Info.RunId, [new Metric("acc", (i % 100) / 100.0, 1, 0), new Metric("loss", 1.0 / (i + 1), 1, 0)],
        [new Param("lr", $"0.0{i % 5}"), new Param("depth", (i % 9).ToString())], []);
}

var searches = new List<double>();
for (var i = 0; i < 200; i++)
{
    var start = Stopwatch.GetTimestamp();
    var page = await store.SearchRunsAsync(new RunSearch([experimentId], MaxResults: 100, PageToken: i % 2 == 0 ? null : PageTokenFor(i * 100 % 9900)));
    searches.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    if (page.Items.Count != 100) throw new InvalidOperationException("short page");
}

searches.Sort();
Console.WriteLine($"search-runs (10,000 runs, 100 per page): p50 {searches[100]:F2} ms, p95 {searches[190]:F2} ms");

// 4. get-history of a 100,000-step metric, every page.
var history = await store.CreateRunAsync(new NewRun(experimentId, "bench", null, [], "history"));
for (var b = 0; b < 100; b++)
{
    await store.LogBatchAsync(history.Info.RunId, [.. Enumerable.Range(0, 1000).Select(i => new Metric("long", i, 1, (b * 1000) + i))], [], []);
}

stopwatch.Restart();
string? token = null;
var points = 0;
do
{
    var page = await store.GetMetricHistoryAsync(history.Info.RunId, "long", null, token);
    points += page.Items.Count;
    token = page.NextPageToken;
}
while (token is not null);
Console.WriteLine($"get-history (100,000 steps, pages of 25,000): {points} points in {stopwatch.Elapsed.TotalMilliseconds:F0} ms");

Directory.Delete(folder, recursive: true);

static string PageTokenFor(int offset) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"offset\": {offset}}}"));
