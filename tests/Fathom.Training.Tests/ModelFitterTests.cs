using Fathom.Core.Tables;
using Fathom.Training.Data;
using Microsoft.ML;

namespace Fathom.Training.Tests;

/// <summary>Training on real data, and the logged metric values against ML.NET's own evaluators.</summary>
public sealed class ModelFitterTests
{
    private static async Task<(ModelFitter Fitter, TrainingSplit Split)> Prepare(TrainingTask task, string? label, string? labelExpression = null)
    {
        var split = await DatasetLoader.LoadAsync(new TrainingRequest
        {
            DataPath = TestFiles.Weather, Task = task, Label = label, LabelExpression = labelExpression,
        }, CancellationToken.None);
        return (new ModelFitter(split, task, 42), split);
    }

    private static IDataView Scored(FittedModel model, TrainingSplit split) =>
        model.Model.Transform(split.Validation.View(split.ValidationRows));

    [Theory]
    [InlineData("lightgbm"), InlineData("fasttree"), InlineData("fastforest"), InlineData("sdca"), InlineData("lbfgs")]
    public async Task Every_trainer_fits_every_task(string trainer)
    {
        var small = new Dictionary<string, string>();
        foreach (var (task, label, expression, metric) in new[]
        {
            (TrainingTask.Multiclass, "weather", (string?)null, "accuracy"),
            (TrainingTask.Binary, null, "precipitation > 0", "auc"),
            (TrainingTask.Regression, "precipitation", null, "rmse"),
        })
        {
            var (fitter, _) = await Prepare(task, label, expression);
            var model = fitter.Fit(trainer, small, null);
            Assert.True(double.IsFinite(model.Evaluation.Metrics[metric]), $"{trainer} {task}: {metric} = {model.Evaluation.Metrics[metric]}");
        }
    }

    [Fact]
    public async Task Regression_metrics_are_ML_NET_evaluator_values_under_their_logged_names()
    {
        var (fitter, split) = await Prepare(TrainingTask.Regression, "temp_max");
        var model = fitter.Fit("lightgbm", new Dictionary<string, string>(), null);

        var expected = new MLContext(1).Regression.Evaluate(Scored(model, split), "Label");

        Assert.Equal(["mae", "rmse", "r2"], model.Evaluation.Metrics.Keys);
        Assert.Equal(expected.MeanAbsoluteError, model.Evaluation.Metrics["mae"]);
        Assert.Equal(expected.RootMeanSquaredError, model.Evaluation.Metrics["rmse"]);
        Assert.Equal(expected.RSquared, model.Evaluation.Metrics["r2"]);
        Assert.True(expected.RSquared > 0.8, $"temp_max from the other columns: R2 {expected.RSquared}");
    }

    [Fact]
    public async Task Binary_auc_log_loss_and_accuracy_agree_with_ML_NET_evaluator()
    {
        var (fitter, split) = await Prepare(TrainingTask.Binary, null, "precipitation > 0");
        var model = fitter.Fit("lightgbm", new Dictionary<string, string> { ["NumberOfIterations"] = "20" }, null);

        var expected = new MLContext(1).BinaryClassification.Evaluate(Scored(model, split), "Label");

        Assert.Equal(expected.AreaUnderRocCurve, model.Evaluation.Metrics["auc"]);
        Assert.Equal(expected.LogLoss, model.Evaluation.Metrics["log_loss"]);
        Assert.Equal(expected.Accuracy, model.Evaluation.Metrics["accuracy"], 1e-12);
        Assert.Equal(expected.PositiveRecall, model.Evaluation.Metrics["recall_true"], 1e-12);
        Assert.Equal(expected.PositivePrecision, model.Evaluation.Metrics["precision_true"], 1e-12);
    }

    [Fact]
    public async Task Multiclass_log_loss_accuracy_and_confusion_matrix_agree_with_ML_NET_evaluator()
    {
        var (fitter, split) = await Prepare(TrainingTask.Multiclass, "weather");
        var model = fitter.Fit("lightgbm", new Dictionary<string, string>(), null);

        // The saved model ends by mapping predicted keys back to text; ML.NET's evaluator needs the keys, so score without that step.
        var ml = new MLContext(1);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(split.Train.View(split.TrainRows));
        var chain = (Microsoft.ML.Data.TransformerChain<ITransformer>)model.Model;
        var withoutTextLabels = new Microsoft.ML.Data.TransformerChain<ITransformer>(chain.Take(2).ToArray());
        var metrics = ml.MulticlassClassification.Evaluate(withoutTextLabels.Transform(keys.Transform(split.Validation.View(split.ValidationRows))), "Label");

        Assert.Equal(metrics.LogLoss, model.Evaluation.Metrics["log_loss"], 1e-9);
        Assert.Equal(metrics.MicroAccuracy, model.Evaluation.Metrics["accuracy"], 1e-12);
        Assert.Equal(split.ValidationRows.Length, model.Evaluation.ConfusionMatrix!.Counts.Sum(r => r.Sum()));
        Assert.Equal(["drizzle", "rain", "sun", "snow", "fog"], model.Evaluation.ConfusionMatrix.Classes);
    }

    [Fact]
    public async Task Flights_subsample_trains_a_binary_delay_model_from_a_label_expression()
    {
        var full = await TableReader.ReadAsync(TestFiles.SharedData("flights-3m.parquet"));
        var table = full.Take(Enumerable.Range(0, 20_000).Select(i => i * 150).ToArray());
        var data = TrainingDataBuilder.Build(table, "flights", TrainingTask.Binary, null, "delay > 15", null);
        var (train, validation) = DataSplit.Split(data.LabeledRows, 0.2, 42);

        var model = new ModelFitter(new TrainingSplit(data, train, data, validation, ""), TrainingTask.Binary, 42)
            .Fit("lightgbm", new Dictionary<string, string> { ["NumberOfIterations"] = "30" }, null);

        Assert.DoesNotContain("delay", data.Features.All);
        Assert.Equal(["distance", "origin", "destination", "date"], data.Features.All);
        Assert.True(model.Evaluation.Metrics["auc"] > 0.55, $"auc {model.Evaluation.Metrics["auc"]}");
    }
}
