using System.Diagnostics;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Multivariate;
using Fathom.Monitoring.Windows;
using Fathom.Monitoring.Reports;
using Fathom.Monitoring.Reports.Html;

namespace Fathom.Bench.Monitoring;

internal static class Scenarios
{
    /// <summary>Evidently's benchmark shape: 20 numerical and 5 categorical columns, reference and current of <paramref name="rows"/> rows.</summary>
    public static void Synthetic(int rows, bool quality, bool multivariate = true)
    {
        var clock = Stopwatch.StartNew();
        var reference = Generate(rows, seed: 1, shift: 0);
        var current = Generate(rows, seed: 2, shift: 0.05);
        Console.WriteLine($"generated 2 x {rows:N0} x 25 in {clock.ElapsedMilliseconds} ms");
        var preset = quality ? ReportPreset.Quality : ReportPreset.Drift;
        for (var run = 1; run <= 3; run++)
        {
            clock.Restart();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var report = MonitoringReportBuilder.Build(reference, current, new ColumnMapping(), new ReportOptions { Preset = preset, IncludeMultivariate = multivariate });
            using var json = new MemoryStream();
            ReportJsonWriter.Write(report, json);
            Console.WriteLine($"run {run}: {preset.ToString().ToLowerInvariant()} report (JSON, {json.Length:N0} bytes) in {clock.ElapsedMilliseconds} ms wall, {Cpu(cpu)} ms CPU, " +
                $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024 * 1024)} MB allocated, peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
            if (run == 3 && !quality)
                Console.WriteLine($"html report: {HtmlReportWriter.Render(report).Length:N0} characters; drifted columns {report.DataDrift!.NumberOfDriftedColumns}");
        }
    }

    /// <summary>The drift report (with multivariate) per window of <paramref name="windowRows"/> current rows, plus the whole-data report.</summary>
    public static void Windowed(int rows, int windowRows)
    {
        var reference = Generate(rows, seed: 1, shift: 0);
        var current = Generate(rows, seed: 2, shift: 0.05);
        var options = new ReportOptions { Preset = ReportPreset.Drift, Window = WindowSpec.Parse(windowRows.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        for (var run = 1; run <= 2; run++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var report = MonitoringReportBuilder.Build(reference, current, new ColumnMapping(), options);
            using var json = new MemoryStream();
            ReportJsonWriter.Write(report, json);
            Console.WriteLine($"run {run}: drift report with {report.Windows!.Windows.Count} windows (JSON, {json.Length:N0} bytes) in {clock.ElapsedMilliseconds} ms wall, {Cpu(cpu)} ms CPU, " +
                $"peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        }
    }

    /// <summary>Multivariate drift alone (PCA, Mahalanobis, domain classifier, correlation change) on the synthetic shape.</summary>
    public static void MultivariateOnly(int rows)
    {
        var reference = Generate(rows, seed: 1, shift: 0);
        var current = Generate(rows, seed: 2, shift: 0.05);
        var definition = DataDefinitionBuilder.Build(reference, current, new ColumnMapping());
        for (var run = 1; run <= 5; run++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var result = MultivariateDriftCalculator.Calculate(reference, current, definition);
            Console.WriteLine($"run {run}: multivariate drift in {clock.ElapsedMilliseconds} ms wall, {Cpu(cpu)} ms CPU; PCA error {result.Pca!.Error.Value:F6}, " +
                $"Mahalanobis {result.Mahalanobis!.Distance.Value:F6}, domain AUC {result.DomainClassifier!.RocAuc:F4}, max correlation change {result.Correlation!.MaxAbsoluteChange:F6}");
        }
    }

    /// <summary>flights-3m.parquet: drift between its first and last calendar months, all columns, reading included.</summary>
    public static async Task Flights(string path)
    {
        for (var run = 1; run <= 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var table = await TableReader.ReadAsync(path);
            var read = clock.ElapsedMilliseconds;
            var (first, last) = FirstAndLastMonth((TimestampColumn)table["date"]);
            var reference = table.Where(first);
            var current = table.Where(last);
            var split = clock.ElapsedMilliseconds;
            var report = MonitoringReportBuilder.Build(reference, current, new ColumnMapping(), new ReportOptions { Preset = ReportPreset.Drift });
            using var json = new MemoryStream();
            ReportJsonWriter.Write(report, json);
            Console.WriteLine($"run {run}: read {read} ms, split {split - read} ms ({reference.RowCount:N0} vs {current.RowCount:N0} rows), " +
                $"total with drift report {clock.ElapsedMilliseconds} ms wall, {Cpu(cpu)} ms CPU; tests: {string.Join(", ", report.DataDrift!.Columns.Select(c => $"{c.Column}={c.Test}"))}");
        }
    }

    // Wall time on a machine shared with other builds says little; CPU time divided by the cores is what an idle machine would take.
    private static long Cpu(TimeSpan start) => (long)(Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds;

    /// <summary>
    /// The first and last calendar months holding at least 1% of the rows: flights-3m.parquet covers 2001-01..2001-06
    /// plus 6 flights landing on 2001-07-01, which are not a month of data.
    /// </summary>
    private static (Func<int, bool> First, Func<int, bool> Last) FirstAndLastMonth(TimestampColumn dates)
    {
        static long MonthOf(long ticks) => new DateTime(ticks).Year * 12L + new DateTime(ticks).Month - 1;
        var rowsPerMonth = new Dictionary<long, int>();
        foreach (var t in dates.Ticks)
            if (t != TimestampColumn.MissingTicks) rowsPerMonth[MonthOf(t)] = rowsPerMonth.GetValueOrDefault(MonthOf(t)) + 1;
        var months = rowsPerMonth.Where(p => p.Value >= dates.Length / 100).Select(p => p.Key).Order().ToList();
        long first = months[0], last = months[^1];
        return (row => dates.Ticks[row] != TimestampColumn.MissingTicks && MonthOf(dates.Ticks[row]) == first,
            row => dates.Ticks[row] != TimestampColumn.MissingTicks && MonthOf(dates.Ticks[row]) == last);
    }

    private static DataTable Generate(int rows, int seed, double shift)
    {
        var random = new Random(seed);
        var columns = new List<Column>();
        for (var c = 0; c < 20; c++)
        {
            var values = new double[rows];
            for (var i = 0; i < rows; i++) values[i] = c + shift + random.NextDouble() * (1 + c % 3) + random.NextDouble();
            columns.Add(new NumericColumn($"num_{c}", values));
        }
        for (var c = 0; c < 5; c++)
        {
            var categories = Enumerable.Range(0, 4 + 4 * c).Select(k => $"cat{c}_{k}").ToArray();
            var codes = new int[rows];
            for (var i = 0; i < rows; i++) codes[i] = Math.Min(categories.Length - 1, (int)(random.NextDouble() * random.NextDouble() * categories.Length * (1 + shift)));
            columns.Add(new CategoricalColumn($"cat_{c}", codes, categories));
        }
        return new DataTable(columns);
    }
}
