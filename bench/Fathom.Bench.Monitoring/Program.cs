using System.Diagnostics;
using Fathom.Bench.Monitoring;

// Monitoring benchmarks (docs/benchmarks.md, section "Monitoring"). Each scenario prints its wall time, and the
// process's peak working set at the end. Run one scenario per process so peaks do not mix:
//   dotnet run -c Release --project bench/Fathom.Bench.Monitoring -- drift-1m   (drift-1m-univariate: without multivariate drift; multivariate-1m: only it; drift-1m-windows: per 100,000-row window)
//   dotnet run -c Release --project bench/Fathom.Bench.Monitoring -- quality-1m
//   dotnet run -c Release --project bench/Fathom.Bench.Monitoring -- flights ../shared/data/flights-3m.parquet
//   dotnet run -c Release --project bench/Fathom.Bench.Monitoring -- classification-1m | multiclass-1m | regression-1m
var scenario = args.Length > 0 ? args[0] : "drift-1m";
switch (scenario)
{
    case "drift-1m": Scenarios.Synthetic(rows: 1_000_000, quality: false); break;
    case "drift-1m-univariate": Scenarios.Synthetic(rows: 1_000_000, quality: false, multivariate: false); break;
    case "multivariate-1m": Scenarios.MultivariateOnly(rows: 1_000_000); break;
    case "drift-1m-windows": Scenarios.Windowed(rows: 1_000_000, windowRows: 100_000); break;
    case "quality-1m": Scenarios.Synthetic(rows: 1_000_000, quality: true); break;
    case "classification-1m": PerformanceScenarios.Run("binary", 1_000_000); break;
    case "multiclass-1m": PerformanceScenarios.Run("multiclass", 1_000_000); break;
    case "regression-1m": PerformanceScenarios.Run("regression", 1_000_000); break;
    case "flights": await Scenarios.Flights(args.Length > 1 ? args[1] : "../shared/data/flights-3m.parquet"); break;
    default: Console.Error.WriteLine($"unknown scenario '{scenario}': use drift-1m, drift-1m-univariate, multivariate-1m, drift-1m-windows, quality-1m, flights, classification-1m, multiclass-1m or regression-1m"); return 2;
}
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
return 0;
