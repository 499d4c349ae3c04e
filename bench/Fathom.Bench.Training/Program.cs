// Batch prediction throughput of a model written by `fathom train` (bench/train.sh runs this after training):
//   dotnet run -c Release --project bench/Fathom.Bench.Training -- MODEL.zip ../shared/data/flights-3m.parquet [repeats]
// Reads the table once, then times scoring every row (reading Score and, for classifiers, PredictedLabel).
using System.Diagnostics;
using System.Globalization;
using Fathom.Core.Tables;
using Fathom.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Fathom.Bench.Training MODEL.zip DATA.parquet [repeats]");
    return 2;
}
var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var table = await TableReader.ReadAsync(args[1]);
var predictor = BatchPredictor.Load(args[0]);
Console.WriteLine($"model inputs: {string.Join(", ", predictor.InputColumns)}; rows: {table.RowCount:N0}");
for (var i = 0; i < repeats; i++)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var scored = predictor.Score(table, args[1]);
    var scoreColumn = scored.Schema["Score"];
    var predicted = scored.Schema.GetColumnOrNull("PredictedLabel");
    long rows = 0;
    double checksum = 0;
    using (var cursor = scored.GetRowCursor(predicted is { } p ? [scoreColumn, p] : [scoreColumn]))
    {
        var score = cursor.GetGetter<float>(scoreColumn);
        float value = 0;
        while (cursor.MoveNext())
        {
            score(ref value);
            checksum += value;
            rows++;
        }
    }
    watch.Stop();
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"predict: {rows:N0} rows in {watch.Elapsed.TotalSeconds:0.00} s wall, {cpuSeconds:0.00} s CPU = {rows / watch.Elapsed.TotalSeconds:N0} rows/s (checksum {checksum:G6})"));
}
return 0;
