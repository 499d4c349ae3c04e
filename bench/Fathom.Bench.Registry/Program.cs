using System.Diagnostics;
using System.Globalization;
using Fathom.Bench.Registry;
using Fathom.Client;
using Fathom.Server;

// Registry latency over HTTP (docs/benchmarks.md, "Registry"): an in-process Fathom server on Kestrel 127.0.0.1 with a
// fresh SQLite store, filled through the .NET client with 1,000 models x 10 versions, then the registry's read calls
// timed one at a time on a random model each. CPU per call is the whole process's (client and server), from
// Process.TotalProcessorTime. Usage:
//   dotnet run -c Release --project bench/Fathom.Bench.Registry [-- --models 1000 --versions 10 --iterations 300]
var models = Option("--models", 1000);
var versions = Option("--versions", 10);
var iterations = Option("--iterations", 300);
var folder = Directory.CreateTempSubdirectory("fathom-bench-registry-").FullName;
try
{
    var app = await FathomServer.BuildAsync(new FathomServerOptions
    {
        Port = 0,
        BackendStoreUri = "sqlite:///" + Path.Combine(folder, "fathom.db"),
        ArtifactsDestination = Path.Combine(folder, "artifacts"),
        RequestLogging = false,
    });
    await app.StartAsync();
    using var client = new FathomClient(app.ListeningUri().ToString());

    Console.WriteLine($"load average before fill: {LoadAverage()}");
    var fill = Stopwatch.StartNew();
    var fillCpu = Process.GetCurrentProcess().TotalProcessorTime;
    await RegistryDataset.FillAsync(client, models, versions, parallelism: 4);
    var writes = models * (versions + 3.0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Filled {models:N0} models, {models * versions:N0} versions ({writes:N0} write calls, 4 at a time) in {fill.Elapsed.TotalSeconds:F1} s, " +
        $"{(Process.GetCurrentProcess().TotalProcessorTime - fillCpu).TotalMilliseconds / writes:F2} CPU ms per write"));
    Console.WriteLine($"load average before queries: {LoadAverage()}");

    var random = new Random(7);
    string Any() => RegistryDataset.ModelName(random.Next(models));
    var cases = new (string Name, Func<Task<int>> Call)[]
    {
        ("model-versions/search name = 'M' (10 results)", async () => (await client.SearchModelVersionsAsync($"name = '{Any()}'")).Items.Count),
        ("model-versions/search run_id = 'R' (10 results)", async () => (await client.SearchModelVersionsAsync($"run_id = '{RegistryDataset.RunId(random.Next(models))}'")).Items.Count),
        ("model-versions/search name = 'M' AND tags.validated = 'yes' AND version_number > 2", async () =>
            (await client.SearchModelVersionsAsync($"name = '{Any()}' AND tags.validated = 'yes' AND version_number > 2")).Items.Count),
        ("model-versions/search name LIKE 'model-00%' (100 results)", async () => (await client.SearchModelVersionsAsync("name LIKE 'model-00%'", maxResults: 100)).Items.Count),
        ("registered-models/get-latest-versions", async () => (await client.GetLatestVersionsAsync(Any())).Count),
        ("registered-models/alias (get by alias)", async () => (await client.GetModelVersionByAliasAsync(Any(), "champion")).Version.Length > 0 ? 1 : 0),
        ("model-versions/get", async () => (await client.GetModelVersionAsync(Any(), "3")).Version.Length > 0 ? 1 : 0),
        ("registered-models/get", async () => (await client.GetRegisteredModelAsync(Any())).LatestVersions.Count),
        ("registered-models/search name LIKE 'model-01%' (100 results)", async () =>
            (await client.SearchRegisteredModelsAsync("name LIKE 'model-01%'", maxResults: 100)).Items.Count),
        ("resolve models:/M@champion (client: alias, then download URI)", async () =>
            (await client.ResolveModelUriAsync($"models:/{Any()}@champion")).Version is null ? 0 : 1),
    };

    Console.WriteLine();
    Console.WriteLine("| call (random model each time) | p50 ms | p95 ms | max ms | CPU ms per call | results |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var (name, call) in cases)
    {
        var count = 0;
        for (var i = 0; i < 20; i++) count = await call();
        var samples = new double[iterations];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / iterations;
        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(samples, 0.50):F2} | {Percentile(samples, 0.95):F2} | {samples[^1]:F2} | {cpuMs:F2} | {count} |"));
    }
    Console.WriteLine();
    Console.WriteLine($"load average after: {LoadAverage()}");
    await app.StopAsync();
    await app.DisposeAsync();
}
finally
{
    Directory.Delete(folder, recursive: true);
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Percentile(double[] sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
