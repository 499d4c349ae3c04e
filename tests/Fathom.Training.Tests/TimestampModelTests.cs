using System.Globalization;
using System.Text;
using Fathom.Core.Tables;
using Fathom.Models.MlNet;
using Fathom.Models.Packaging;
using Fathom.Models.Signatures;
using Fathom.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Tests;

/// <summary>A model trained with a timestamp feature takes the raw timestamp: its parts are derived inside the saved pipeline.</summary>
public sealed class TimestampModelTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A label that only the hour and day of week of <c>when</c> explain, so a model that ignored them would fail.</summary>
    private string HourlyCsv()
    {
        var csv = new StringBuilder("when,load\n");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 800; i++)
        {
            var when = start.AddMinutes(i * 433);
            var load = 10 * Math.Sin(when.Hour / 24.0 * 2 * Math.PI) + ((int)when.DayOfWeek is 0 or 6 ? -5 : 5);
            csv.Append(when.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(load.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return _files.Write("hourly.csv", csv.ToString());
    }

    [Fact]
    public void A_view_gives_the_raw_timestamp_and_the_pipeline_derives_month_day_of_week_and_hour()
    {
        var when = new DateTime(2024, 3, 8, 14, 30, 0, DateTimeKind.Utc); // a Friday
        var table = new DataTable([new TimestampColumn("date", [when.Ticks, TimestampColumn.MissingTicks])]);
        var view = new ColumnarDataView(FeatureColumns.Build(table, new FeatureSet([], [], ["date"]), "t.csv"), [0, 1]);
        var ml = new MLContext(1);

        var parts = TimestampFeatures.Estimator(ml, "date").Fit(view).Transform(view);

        Assert.Equal([when, default], view.GetColumn<DateTime>(view.Schema["date"]));
        Assert.Equal([3f, float.NaN], parts.GetColumn<float>(parts.Schema["date_month"]));
        Assert.Equal([5f, float.NaN], parts.GetColumn<float>(parts.Schema["date_dayofweek"]));
        Assert.Equal([14.5f, float.NaN], parts.GetColumn<float>(parts.Schema["date_hour"]));
    }

    [Fact]
    public async Task The_saved_package_takes_raw_timestamps_and_predicts_what_training_evaluated()
    {
        var request = new TrainingRequest { DataPath = HourlyCsv(), Task = TrainingTask.Regression, Label = "load" };
        var split = await DatasetLoader.LoadAsync(request, CancellationToken.None);
        var fitted = new ModelFitter(split, TrainingTask.Regression, 42).Fit("lightgbm", new Dictionary<string, string>(), null);
        var folder = _files.PathOf("package");
        ModelPackage.SaveMlNet(fitted.Model, fitted.InputSchema, folder, inputExample: fitted.InputExample);
        var validation = new DataTable([split.Validation.Table["when"]]).Take(split.ValidationRows);
        var expected = fitted.Model.Transform(split.Validation.View(split.ValidationRows)).GetColumn<float>("Score").ToArray();
        var labels = split.Validation.View(split.ValidationRows).GetColumn<float>("Label").ToArray();

        using var model = ModelLoader.Load(folder);
        var fromTimestamps = (NumericColumn)model.Predict(validation).Prediction;
        var fromIsoText = (NumericColumn)model.Predict(AsIsoText(validation)).Prediction;

        var input = Assert.Single(model.Signature.Inputs.Columns);
        Assert.Equal(("when", ColumnType.Datetime), (input.Name, input.Type));
        Assert.Contains("\"columns\": [\"when\"]", File.ReadAllText(Path.Combine(folder, InputExample.FileName)));
        Assert.Equal(expected.Select(f => (double)f), fromTimestamps.Values.ToArray());
        Assert.Equal(fromTimestamps.Values.ToArray(), fromIsoText.Values.ToArray());
        var rmse = Math.Sqrt(expected.Zip(labels).Average(p => Math.Pow(p.First - p.Second, 2)));
        Assert.Equal(fitted.Evaluation.Metrics["rmse"], rmse, 1e-9);
        Assert.True(fitted.Evaluation.Metrics["r2"] > 0.9, $"hour and weekday explain the label: R2 {fitted.Evaluation.Metrics["r2"]}");
    }

    [Fact]
    public async Task A_timestamp_that_is_not_a_date_is_refused_naming_the_column()
    {
        var request = new TrainingRequest { DataPath = HourlyCsv(), Task = TrainingTask.Regression, Label = "load" };
        var split = await DatasetLoader.LoadAsync(request, CancellationToken.None);
        var fitted = new ModelFitter(split, TrainingTask.Regression, 42).Fit("sdca", new Dictionary<string, string>(), null);
        var folder = _files.PathOf("package-bad");
        ModelPackage.SaveMlNet(fitted.Model, fitted.InputSchema, folder);
        using var model = ModelLoader.Load(folder);

        var error = Assert.Throws<Fathom.Core.Errors.FathomException>(() =>
            model.Predict(new DataTable([new CategoricalColumn("when", [0], ["next tuesday"])])));

        Assert.Contains("'when'", error.Message);
        Assert.Contains("next tuesday", error.Message);
    }

    private static DataTable AsIsoText(DataTable table)
    {
        var ticks = ((TimestampColumn)table["when"]).Ticks.ToArray();
        var text = ticks.Select(t => new DateTime(t, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture)).ToArray();
        return new DataTable([new CategoricalColumn("when", [.. Enumerable.Range(0, text.Length)], text)]);
    }
}
