using Fathom.Tracking.Stores;
using StoreBench;

// Store-level throughput on this machine, without HTTP: what the server can at best get from the store. Each figure
// comes with the process CPU time per operation, which the load of a shared machine distorts less than wall time.
// Usage: dotnet run -c Release --project bench/StoreBench [-- [--uri <backend store URI>] [batch|metric|search|history|history-single]...]
//   default: a temp SQLite file and every scenario.
var uriIndex = Array.IndexOf(args, "--uri");
var folder = Directory.CreateTempSubdirectory("fathom-store-bench-").FullName;
var uri = uriIndex >= 0 ? args[uriIndex + 1] : "sqlite:///" + Path.Combine(folder, "bench.db");
var scenarios = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (uriIndex < 0 || i != uriIndex + 1)).ToHashSet();
bool Wanted(string name) => scenarios.Count == 0 || scenarios.Contains(name);
try
{
    await using var store = await TrackingStoreFactory.OpenAsync(uri);
    var experimentId = await store.CreateExperimentAsync("bench-" + Guid.NewGuid().ToString("N")[..6], null, []);
    Console.WriteLine($"store: {uri}, load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    if (Wanted("batch"))
    {
        await Scenarios.LogBatchAsync(store, experimentId);
    }

    if (Wanted("metric"))
    {
        await Scenarios.LogMetricAsync(store, experimentId);
    }

    if (Wanted("search"))
    {
        await Scenarios.SearchAsync(store, experimentId);
    }

    if (Wanted("history"))
    {
        await Scenarios.HistoryAsync(store, experimentId);
    }

    if (Wanted("history-single"))
    {
        await Scenarios.HistoryAsync(store, experimentId, onePointPerCall: true);
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}
