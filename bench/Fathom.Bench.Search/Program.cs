using System.Diagnostics;
using System.Globalization;
using Fathom.Bench.Search;
using Fathom.Tracking.Stores;

// Search-runs latency over a SQLite store of 10,000 runs (issue 2's targets: p95 < 10 ms for the filter,
// < 20 ms with order_by metrics.acc DESC, 100 results). Usage:
//   dotnet run -c Release --project bench/Fathom.Bench.Search [-- --runs 10000 --iterations 100 --keep path/to/reused.db]
//   --uri <backend store URI> searches another store instead (e.g. PostgreSQL), filled afresh.
//   --case <1|2|3> times only that case of the table below (1 filter, 2 filter + order_by, 3 order_by), for profiling.
var runs = Arguments.Int(args, "--runs", 10_000);
var iterations = Arguments.Int(args, "--iterations", 100);
var keep = Arguments.Text(args, "--keep");
var uri = Arguments.Text(args, "--uri");
var only = Arguments.Int(args, "--case", 0);
var folder = Directory.CreateTempSubdirectory("fathom-bench-search-").FullName;
try
{
    var path = keep ?? Path.Combine(folder, "fathom.db");
    var existing = uri is null && File.Exists(path);
    await using var store = await TrackingStoreFactory.OpenAsync(uri ?? "sqlite:///" + Path.GetFullPath(path));
    Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    var clock = Stopwatch.StartNew();
    var experimentId = existing ? "1" : await SearchDataset.FillAsync(store, runs);
    Console.WriteLine(existing
        ? $"Reusing {path}"
        : $"Created {runs:N0} runs (4 params, 3 metrics, 3 tags each) in {clock.Elapsed.TotalSeconds:F1} s");

    const string filter = "metrics.acc > 0.5 and params.lr = '0.01'";
    var cases = new (string Name, RunSearch Search)[]
    {
        ("filter", new RunSearch([experimentId], filter, MaxResults: 100)),
        ("filter + order_by metrics.acc DESC", new RunSearch([experimentId], filter, MaxResults: 100, OrderBy: ["metrics.acc DESC"])),
        ("order_by metrics.acc DESC (no filter)", new RunSearch([experimentId], MaxResults: 100, OrderBy: ["metrics.acc DESC"])),
    };

    Console.WriteLine();
    Console.WriteLine("| query (100 results) | p50 ms | p95 ms | max ms | CPU ms per search | runs returned |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var (name, search) in cases.Where((_, i) => only == 0 || only == i + 1))
    {
        var result = await Latency.MeasureAsync(() => store.SearchRunsAsync(search), iterations);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {result.P50:F2} | {result.P95:F2} | {result.Max:F2} | {result.CpuMs:F2} | {result.Count} |"));
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}
