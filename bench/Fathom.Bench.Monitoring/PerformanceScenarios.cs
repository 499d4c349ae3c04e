using System.Diagnostics;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Reports;

namespace Fathom.Bench.Monitoring;

/// <summary>Model performance on 1,000,000 reference and 1,000,000 current rows: binary, 5-class and regression.</summary>
internal static class PerformanceScenarios
{
    public static void Run(string kind, int rows)
    {
        var clock = Stopwatch.StartNew();
        var (reference, current, mapping, preset) = kind switch
        {
            "binary" => (Binary(rows, 1, 0.85), Binary(rows, 2, 0.8), new ColumnMapping(), ReportPreset.Classification),
            "multiclass" => (Multiclass(rows, 1), Multiclass(rows, 2), new ColumnMapping { PredictionProbabilities = Labels }, ReportPreset.Classification),
            _ => (Regression(rows, 1, 0), Regression(rows, 2, 0.3), new ColumnMapping(), ReportPreset.Regression),
        };
        Console.WriteLine($"generated 2 x {rows:N0} rows ({kind}) in {clock.ElapsedMilliseconds} ms");
        for (var run = 1; run <= 3; run++)
        {
            clock.Restart();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var report = MonitoringReportBuilder.Build(reference, current, mapping, new ReportOptions { Preset = preset });
            using var json = new MemoryStream();
            ReportJsonWriter.Write(report, json);
            var cpuMs = (long)(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"run {run}: {kind} performance report (JSON, {json.Length:N0} bytes) in {clock.ElapsedMilliseconds} ms wall, {cpuMs} ms CPU");
        }
    }

    private static readonly string[] Labels = ["a", "b", "c", "d", "e"];

    private static DataTable Binary(int rows, int seed, double skill)
    {
        var random = new Random(seed);
        var target = new double[rows];
        var probability = new double[rows];
        var x = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            target[i] = random.Next(2);
            var confidence = 0.5 + random.NextDouble() / 2;
            probability[i] = (target[i] == 1) == (random.NextDouble() < skill) ? confidence : 1 - confidence;
            x[i] = random.NextDouble();
        }
        return new DataTable([new NumericColumn("x", x), new NumericColumn("target", target, isInteger: true), new NumericColumn("prediction", probability)]);
    }

    private static DataTable Multiclass(int rows, int seed)
    {
        var random = new Random(seed);
        var codes = new int[rows];
        var columns = Labels.Select(_ => new double[rows]).ToArray();
        for (var i = 0; i < rows; i++)
        {
            var k = codes[i] = random.Next(Labels.Length);
            double sum = 0;
            for (var j = 0; j < Labels.Length; j++) sum += columns[j][i] = random.NextDouble() + (j == k ? 0.5 : 0);
            for (var j = 0; j < Labels.Length; j++) columns[j][i] /= sum;
        }
        return new DataTable([new CategoricalColumn("target", codes, Labels), .. Labels.Select((l, j) => (Column)new NumericColumn(l, columns[j]))]);
    }

    private static DataTable Regression(int rows, int seed, double bias)
    {
        var random = new Random(seed);
        var features = Enumerable.Range(0, 20).Select(_ => new double[rows]).ToArray();
        var target = new double[rows];
        var prediction = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            double signal = 0;
            for (var f = 0; f < features.Length; f++) signal += features[f][i] = random.NextDouble() * (f + 1);
            target[i] = signal + random.NextDouble() * 5;
            prediction[i] = signal + 2.5 + bias;
        }
        var columns = features.Select((v, f) => (Column)new NumericColumn($"num_{f}", v)).ToList();
        columns.Add(new NumericColumn("target", target));
        columns.Add(new NumericColumn("prediction", prediction));
        return new DataTable(columns);
    }
}
