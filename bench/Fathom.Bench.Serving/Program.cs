using System.Globalization;
using System.Text.Json;
using Fathom.Core.Tables;
using Fathom.Models.Packaging;
using Microsoft.ML;
using Microsoft.ML.Data;

// Helpers for bench/serving/run.sh (docs/benchmarks.md, "Model serving"):
//   model DIR      trains a FastTree regressor on 10 numeric features and writes its package to DIR/model and one
//                  dataframe_split row to DIR/row.json (the wrk and Locust scripts' input)
//   flights-model DATA DIR [multiclass]  trains the flights LightGBM model of bench/serving/predict.sh into DIR (with
//                  "multiclass", a LightGBM multiclass model of the delay's bucket: early, on time, late, very late)
//   calls DIR DATA ROWS CALLS [mlnet]  CPU per IModel.Predict call of ROWS rows of DATA (each call its own table),
//                  through the tree scorer or with "mlnet" through ML.NET (docs/benchmarks.md, "Multiclass tree scoring")
//   flights-compare DIR DATA [direct]  times IModel.Predict over DATA in memory, tree scorer against ML.NET's chain
//                  (with "direct", the tree scorer only, three times)
//   baseline PORT  a do-nothing ASP.NET Core JSON endpoint on 127.0.0.1:PORT (POST /invocations reads the body and
//                  answers a constant prediction): the ceiling the model server is compared with in the same run
switch (args.FirstOrDefault())
{
    case "model":
        TrainModel(args[1]);
        break;
    case "baseline":
        await RunBaselineAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
        break;
    case "flights-model":
        await FlightsModel.TrainAsync(args[1], args[2], args.ElementAtOrDefault(3) == "multiclass");
        break;
    case "calls":
        await PerCallCost.RunAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture),
            direct: args.ElementAtOrDefault(5) != "mlnet");
        break;
    case "flights-compare":
        await FlightsModel.CompareAsync(args[1], args[2], args.ElementAtOrDefault(3) == "direct");
        break;
    default:
        Console.Error.WriteLine("usage: model DIR | baseline PORT | flights-model DATA DIR [multiclass] | calls DIR DATA ROWS CALLS [mlnet] | flights-compare DIR DATA [direct]");
        return 2;
}
return 0;

static void TrainModel(string dir)
{
    var names = Enumerable.Range(0, Row.Features).Select(i => $"f{i}").ToArray();
    var random = new Random(3);
    var rows = Enumerable.Range(0, 20_000).Select(_ =>
    {
        var x = Enumerable.Range(0, Row.Features).Select(_ => (float)random.NextDouble()).ToArray();
        return Row.Of(x, x.Select((v, i) => v * (i + 1)).Sum() + (x[0] > 0.5f ? 3 : 0));
    }).ToArray();
    var ml = new MLContext(seed: 1);
    var schema = SchemaDefinition.Create(typeof(Row));
    for (var i = 0; i < Row.Features; i++) schema[$"F{i}"].ColumnName = names[i];
    var data = ml.Data.LoadFromEnumerable(rows, schema);
    var pipeline = ml.Transforms.Concatenate("Features", names)
        .Append(ml.Regression.Trainers.FastTree(numberOfLeaves: 31, numberOfTrees: 100));
    var model = pipeline.Fit(data);
    var example = new DataTable(names.Select((n, i) => (Column)new NumericColumn(n, [rows[0].Values()[i], rows[1].Values()[i]])));
    ModelPackage.SaveMlNet(model, data.Schema, Path.Combine(dir, "model"), inputExample: example);
    File.WriteAllText(Path.Combine(dir, "row.json"), JsonSerializer.Serialize(new { columns = names, data = rows[0].Values().Select(v => Math.Round(v, 4)) }));
}

static async Task RunBaselineAsync(int port)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.ConfigureKestrel(k => { k.Listen(System.Net.IPAddress.Loopback, port); k.AddServerHeader = false; });
    builder.Logging.ClearProviders();
    var app = builder.Build();
    var answer = """{"predictions": [0.0]}"""u8.ToArray();
    app.MapPost("/invocations", async context =>
    {
        // Read the whole body as the model server does, then answer without looking at it.
        while (true)
        {
            var read = await context.Request.BodyReader.ReadAsync();
            context.Request.BodyReader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) break;
        }
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer);
    });
    await app.RunAsync();
}

internal sealed class Row
{
    public const int Features = 10;

    public float F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, Label;

    // A method, not a property: ML.NET would put a public getter into the model's input schema as a column.
    public double[] Values() => [F0, F1, F2, F3, F4, F5, F6, F7, F8, F9];

    public static Row Of(float[] x, float label) => new()
    {
        F0 = x[0], F1 = x[1], F2 = x[2], F3 = x[3], F4 = x[4], F5 = x[5], F6 = x[6], F7 = x[7], F8 = x[8], F9 = x[9], Label = label,
    };
}
