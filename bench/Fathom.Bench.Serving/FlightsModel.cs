using System.Diagnostics;
using System.Globalization;
using Fathom.Core.Tables;
using Fathom.Models;
using Fathom.Models.MlNet;
using Fathom.Models.Packaging;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

/// <summary>
/// The flights model of bench/serving/predict.sh: LightGBM regression of delay with the featurizer `fathom train`
/// builds for flights-3m (timestamp parts of date, mean replacement, one-hot origin and destination), trained on a
/// 300,000-row sample so the benchmark does not spend minutes training. The multiclass variant classifies the delay
/// into four buckets instead (its per-class trees split on the same features).
/// </summary>
internal static class FlightsModel
{
    public static async Task TrainAsync(string data, string folder, bool multiclass = false)
    {
        var table = await TableReader.ReadAsync(data);
        var rows = Enumerable.Range(0, 300_000).Select(i => i * (table.RowCount / 300_000)).ToArray();
        var sample = table.Take(rows);
        var ticks = ((TimestampColumn)sample["date"]).Ticks.ToArray();
        var distance = ((NumericColumn)sample["distance"]).Values.ToArray();
        var delay = ((NumericColumn)sample["delay"]).Values.ToArray();
        var origin = (CategoricalColumn)sample["origin"];
        var destination = (CategoricalColumn)sample["destination"];
        var flights = Enumerable.Range(0, sample.RowCount).Select(r => new Flight
        {
            Date = new DateTime(ticks[r], DateTimeKind.Utc),
            Distance = (float)distance[r],
            Origin = origin.Format(r) ?? "",
            Destination = destination.Format(r) ?? "",
            Delay = (float)delay[r],
            Bucket = delay[r] < 0 ? "early" : delay[r] <= 15 ? "on time" : delay[r] <= 60 ? "late" : "very late",
        }).ToList();
        var ml = TimestampFeatures.Register(new MLContext(seed: 1));
        var view = ml.Data.LoadFromEnumerable(flights);
        var parts = TimestampFeatures.PartNames("date");
        var featurizer = TimestampFeatures.Estimator(ml, "date")
            .Append(ml.Transforms.ReplaceMissingValues([new("distance"), .. parts.Select(p => new InputOutputColumnPair(p))],
                MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.Categorical.OneHotEncoding([new("origin"), new("destination")]))
            .Append(ml.Transforms.Concatenate("Features", ["distance", .. parts, "origin", "destination"]));
        ITransformer model = multiclass
            ? featurizer.Append(ml.Transforms.Conversion.MapValueToKey("Label", "bucket"))
                .Append(ml.MulticlassClassification.Trainers.LightGbm())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(view)
            : featurizer.Append(ml.Regression.Trainers.LightGbm(labelColumnName: "delay")).Fit(view);
        var inputs = SchemaDefinition.Create(typeof(Flight));
        ModelPackage.SaveMlNet(model, view.Schema, folder, labelColumn: multiclass ? "bucket" : "delay");
        Console.WriteLine($"flights model: LightGBM {(multiclass ? "multiclass of the delay's bucket" : "regression of delay")}, {flights.Count:N0} training rows, saved to {folder} ({inputs.Count} columns)");
    }

    /// <summary>
    /// Times IModel.Predict over the whole table in memory, through the tree scorer and through ML.NET, or with
    /// <paramref name="directOnly"/> through the tree scorer three times (the first pass includes JIT warm-up).
    /// </summary>
    public static async Task CompareAsync(string folder, string data, bool directOnly)
    {
        var table = await TableReader.ReadAsync(data);
        var inputs = new DataTable(table.Columns.Where(c => c.Name != "delay"));
        foreach (var direct in directOnly ? [true, true, true] : new[] { true, false })
        {
            using var model = ModelLoader.Load(folder, new ModelLoadOptions { ScoreTreesDirectly = direct });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var output = model.Predict(inputs);
            watch.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var checksum = ((NumericColumn)output.Prediction).Values.ToArray().Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IModel.Predict, {(direct ? "tree scorer" : "ML.NET transform chain")}: {output.RowCount:N0} rows in {watch.Elapsed.TotalSeconds:0.00} s wall, {cpuSeconds:0.00} s CPU = {output.RowCount / watch.Elapsed.TotalSeconds:N0} rows/s, {1e6 * cpuSeconds / output.RowCount:0.00} us CPU/row (checksum {checksum:G8}; load average {File.ReadAllText("/proc/loadavg")[..14]})"));
        }
    }

    private sealed class Flight
    {
        [ColumnName("date")] public DateTime Date { get; set; }
        [ColumnName("distance")] public float Distance { get; set; }
        [ColumnName("origin")] public string Origin { get; set; } = "";
        [ColumnName("destination")] public string Destination { get; set; } = "";
        [ColumnName("delay")] public float Delay { get; set; }
        [ColumnName("bucket")] public string Bucket { get; set; } = "";
    }
}
