using Fathom.Models.Packaging;
using Fathom.Models.Signatures;
using Microsoft.ML.Data;

namespace Fathom.Models.Tests.MlNet;

public class MlNetModelTests
{
    private static IModel SaveAndLoad(TempDir dir, string task, MlNetTraining.Row[] rows, string label) =>
        SaveAndLoad(dir, MlNetTraining.Train(task, rows), rows, label);

    private static IModel SaveAndLoad(TempDir dir, (Microsoft.ML.MLContext, Microsoft.ML.ITransformer, Microsoft.ML.IDataView) trainedModel,
        MlNetTraining.Row[] rows, string label)
    {
        var (_, model, data) = trainedModel;
        ModelPackage.SaveMlNet(model, data.Schema, dir.Sub("pkg"), inputExample: MlNetTraining.Table(rows).Take([0, 1, 2]), labelColumn: label);
        return ModelLoader.Load(dir.Sub("pkg"));
    }

    [Fact]
    public void Regression_package_predicts_exactly_as_the_in_memory_model()
    {
        using var dir = new TempDir();
        var rows = MlNetTraining.Rows(300);
        var training = MlNetTraining.Train("regression", rows);
        var (_, trained, data) = training;
        using var loaded = SaveAndLoad(dir, training, rows, "Amount");

        var output = loaded.Predict(MlNetTraining.Table(rows));

        var expected = MlNetTraining.Column<float>(trained.Transform(data), "Score").Select(v => (double)v);
        Assert.Equal("Score", output.Prediction.Name);
        Assert.Equal(expected, ((NumericColumn)output.Prediction).Values.ToArray());
    }

    [Fact]
    public void Binary_package_returns_label_score_and_probability_as_the_in_memory_model()
    {
        using var dir = new TempDir();
        var rows = MlNetTraining.Rows(300);
        var training = MlNetTraining.Train("binary", rows);
        var (_, trained, data) = training;
        using var loaded = SaveAndLoad(dir, training, rows, "Churned");

        var output = loaded.Predict(MlNetTraining.Table(rows));

        var predictions = trained.Transform(data);
        Assert.Equal(["PredictedLabel", "Score", "Probability"], output.Columns.Select(c => c.Name));
        Assert.Equal(MlNetTraining.Column<bool>(predictions, "PredictedLabel").Select(b => b ? "true" : "false"),
            Enumerable.Range(0, output.RowCount).Select(output.Prediction.Format));
        Assert.Equal(MlNetTraining.Column<float>(predictions, "Probability").Select(v => (double)v),
            ((NumericColumn)output.Columns[2]).Values.ToArray());
    }

    [Fact]
    public void Multiclass_package_returns_text_labels_and_per_class_scores_named_by_class()
    {
        using var dir = new TempDir();
        var rows = MlNetTraining.Rows(300);
        var training = MlNetTraining.Train("multiclass", rows);
        var (_, trained, data) = training;
        using var loaded = SaveAndLoad(dir, training, rows, "Kind");

        var output = loaded.Predict(MlNetTraining.Table(rows));

        var predictions = trained.Transform(data);
        Assert.Equal(MlNetTraining.Column<ReadOnlyMemory<char>>(predictions, "PredictedLabel").Select(m => m.ToString()),
            Enumerable.Range(0, output.RowCount).Select(output.Prediction.Format));
        Assert.Equal(["big", "mid", "small"], output.Scores!.Classes.Order());
        // GetColumn hands out one reused VBuffer, so each row is copied before the next is read.
        var scores = predictions.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        for (var r = 0; r < rows.Length; r++) Assert.Equal(scores[r], output.Scores.Row(r).ToArray());
    }

    [Fact]
    public void Large_tables_scored_in_parallel_match_the_in_memory_model()
    {
        using var dir = new TempDir();
        var rows = MlNetTraining.Rows(20_000, seed: 3);
        var training = MlNetTraining.Train("regression", rows);
        var (_, trained, data) = training;
        using var loaded = SaveAndLoad(dir, training, rows, "Amount");

        var output = loaded.Predict(MlNetTraining.Table(rows));

        Assert.Equal(MlNetTraining.Column<float>(trained.Transform(data), "Score").Select(v => (double)v), ((NumericColumn)output.Prediction).Values.ToArray());
    }

    [Fact]
    public void Signature_is_inferred_from_the_input_and_output_schemas_without_the_label()
    {
        using var dir = new TempDir();
        using var loaded = SaveAndLoad(dir, "binary", MlNetTraining.Rows(100), "Churned");

        var file = MlModelFile.Read(dir.Sub("pkg"));

        Assert.Equal(
            "[{\"type\": \"float\", \"name\": \"A\", \"required\": true}, {\"type\": \"float\", \"name\": \"B\", \"required\": true}, " +
            "{\"type\": \"string\", \"name\": \"City\", \"required\": true}]",
            file.Signature!.Inputs.ToJson());
        Assert.Equal(["PredictedLabel", "Score", "Probability"], file.Signature.Outputs!.Columns.Select(c => c.Name));
        Assert.Equal(ColumnType.Boolean, file.Signature.Outputs.Columns[0].Type);
        Assert.Equal("fathom.mlnet", file.Flavor("python_function")!["loader_module"]);
        Assert.Equal("model.zip", file.Flavor("mlnet")!["data"]);
    }

    [Fact]
    public void Wrong_input_is_refused_naming_the_column()
    {
        using var dir = new TempDir();
        var rows = MlNetTraining.Rows(100);
        using var loaded = SaveAndLoad(dir, "regression", rows, "Amount");
        var table = MlNetTraining.Table(rows);

        var e = Assert.Throws<FathomException>(() => loaded.Predict(new DataTable([table["A"], table["City"]])));

        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, e.Code);
        Assert.Contains("'B'", e.Message);
    }

    [Fact]
    public void Single_rows_from_many_threads_match_the_batch()
    {
        using var dir = new TempDir();
        var rows = MlNetTraining.Rows(200);
        using var loaded = SaveAndLoad(dir, "multiclass", rows, "Kind");
        var table = MlNetTraining.Table(rows);
        var batch = loaded.Predict(table);

        Parallel.For(0, rows.Length, r =>
        {
            var one = loaded.Predict(table.Take([r]));
            Assert.Equal(batch.Prediction.Format(r), one.Prediction.Format(0));
            Assert.Equal(batch.Scores!.Row(r).ToArray(), one.Scores!.Row(0).ToArray());
        });
    }
}
