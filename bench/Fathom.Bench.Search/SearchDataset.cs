using System.Globalization;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Bench.Search;

/// <summary>
/// Fills a store with runs shaped like a hyper-parameter sweep: 4 params (lr takes 4 values, so the filter keeps
/// a quarter), 3 metrics with uniformly random values (acc &gt; 0.5 keeps half), 3 tags. Seeded, so every run of
/// the benchmark searches the same data.
/// </summary>
internal static class SearchDataset
{
    private static readonly string[] LearningRates = ["0.001", "0.01", "0.1", "0.3"];
    private static readonly string[] Optimizers = ["adam", "sgd", "rmsprop"];

    public static async Task<string> FillAsync(ITrackingStore store, int runs)
    {
        var random = new Random(42);
        var experimentId = await store.CreateExperimentAsync("search-bench-" + Guid.NewGuid().ToString("N")[..8], null, [new Tag("team", "bench")]);
        const long start = 1_700_000_000_000;
        for (var i = 0; i < runs; i++)
        {
            var run = await store.CreateRunAsync(new NewRun(experimentId, "bench", start + i * 1000L, [], $"run-{i}"));
            var timestamp = start + i * 1000L + 500;
            Metric Metric(string key, double value) => new(key, value, timestamp, 10);
            await store.LogBatchAsync(
                run.Info.RunId,
                [Metric("acc", random.NextDouble()), Metric("loss", random.NextDouble() * 3), Metric("f1", random.NextDouble())],
                [
                    new Param("lr", LearningRates[random.Next(LearningRates.Length)]),
                    new Param("batch_size", (16 << random.Next(4)).ToString(CultureInfo.InvariantCulture)),
                    new Param("optimizer", Optimizers[random.Next(Optimizers.Length)]),
                    new Param("seed", i.ToString(CultureInfo.InvariantCulture)),
                ],
                [new Tag("team", i % 2 == 0 ? "vision" : "nlp"), new Tag("stage", "sweep"), new Tag("git_commit", $"{i:x8}")]);
        }

        return experimentId;
    }
}
