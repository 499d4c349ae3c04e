using Fathom.Models.Packaging;
using Fathom.Models.Signatures;

namespace Fathom.Models.Tests.Onnx;

public class OnnxModelTests
{
    private static IModel Package(TempDir dir, string model, ModelSignature? signature = null)
    {
        ModelPackage.SaveOnnx(OnnxFixtures.File(model), dir.Sub("pkg"), signature, OnnxFixtures.Inputs(model).Take([0, 1]));
        return ModelLoader.Load(dir.Sub("pkg"));
    }

    [Fact]
    public void Linear_regressor_predicts_the_values_numpy_computed()
    {
        using var dir = new TempDir();
        using var model = Package(dir, "linear_regressor");

        var output = model.Predict(OnnxFixtures.Inputs("linear_regressor"));

        var expected = OnnxFixtures.Doubles(OnnxFixtures.Expected("linear_regressor").GetProperty("variable"));
        var actual = ((NumericColumn)output.Prediction).Values.ToArray();
        Assert.Equal("variable", output.Prediction.Name);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
        Assert.Null(output.Scores);
    }

    [Fact]
    public void Zipmap_classifier_returns_labels_and_probabilities_per_class()
    {
        using var dir = new TempDir();
        using var model = Package(dir, "iris_classifier_zipmap");

        var output = model.Predict(OnnxFixtures.Inputs("iris_classifier_zipmap"));

        var expected = OnnxFixtures.Expected("iris_classifier_zipmap");
        Assert.Equal("output_label", output.Prediction.Name);
        Assert.Equal(OnnxFixtures.Doubles(expected.GetProperty("output_label")), ((NumericColumn)output.Prediction).Values.ToArray());
        Assert.Equal(["0", "1", "2"], output.Scores!.Classes);
        var rows = expected.GetProperty("output_probability").EnumerateArray().ToArray();
        for (var r = 0; r < rows.Length; r++)
        {
            var p = OnnxFixtures.Doubles(rows[r]);
            for (var c = 0; c < p.Length; c++) Assert.Equal(p[c], output.Scores.Row(r)[c], 1e-5);
        }
    }

    [Fact]
    public void String_label_classifier_with_named_inputs_returns_text_labels_and_probability_tensor()
    {
        using var dir = new TempDir();
        using var model = Package(dir, "churn_classifier");

        var output = model.Predict(OnnxFixtures.Inputs("churn_classifier"));

        var expected = OnnxFixtures.Expected("churn_classifier");
        var labels = expected.GetProperty("label").EnumerateArray().Select(v => v.GetString()).ToArray();
        Assert.Equal(labels, Enumerable.Range(0, output.RowCount).Select(output.Prediction.Format));
        var rows = expected.GetProperty("probabilities").EnumerateArray().ToArray();
        for (var r = 0; r < rows.Length; r++)
            Assert.Equal(OnnxFixtures.Doubles(rows[r])[1], output.Scores!.Row(r)[1], 1e-5);
    }

    [Fact]
    public void Signature_is_inferred_from_the_graph_as_tensors()
    {
        using var dir = new TempDir();
        using var model = Package(dir, "iris_classifier_zipmap");

        Assert.Equal("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 4]}, \"name\": \"float_input\"}]",
            model.Signature.Inputs.ToJson());
        Assert.Equal(["output_label", "output_probability"], model.Signature.Outputs!.Columns.Select(c => c.Name));
        Assert.True(model.Signature.Outputs.Columns[1].IsArray);
        Assert.Equal("onnx", model.Flavor);
    }

    [Fact]
    public void Package_has_mlflow_onnx_layout()
    {
        using var dir = new TempDir();
        ModelPackage.SaveOnnx(OnnxFixtures.File("linear_regressor"), dir.Sub("pkg"));

        var file = MlModelFile.Read(dir.Sub("pkg"));

        Assert.True(File.Exists(Path.Combine(dir.Sub("pkg"), "model.onnx")));
        Assert.Equal(["code", "data", "onnx_version", "providers"], file.Flavor("onnx")!.Keys);
        Assert.Equal("model.onnx", file.Flavor("onnx")!["data"]);
        Assert.Equal("mlflow.onnx", file.Flavor("python_function")!["loader_module"]);
        Assert.Equal("model.onnx", file.Flavor("python_function")!["data"]);
        Assert.True(File.Exists(Path.Combine(dir.Sub("pkg"), "requirements.txt")));
        Assert.Equal(new FileInfo(Path.Combine(dir.Sub("pkg"), "model.onnx")).Length, file.ModelSizeBytes);
    }

    [Fact]
    public void A_column_signature_feeds_a_single_tensor_in_signature_order_and_names_missing_columns()
    {
        using var dir = new TempDir();
        var signature = new ModelSignature(ModelSchema.OfColumns(("x1", ColumnType.Double), ("x2", ColumnType.Double), ("x3", ColumnType.Double)));
        using var model = Package(dir, "linear_regressor", signature);
        var input = OnnxFixtures.Inputs("linear_regressor");
        var shuffled = new DataTable([input["x3"], input["x1"], input["x2"]]);

        var output = model.Predict(shuffled);

        Assert.Equal(4.75, ((NumericColumn)output.Prediction).Values[0], 1e-5);
        var e = Assert.Throws<FathomException>(() => model.Predict(new DataTable([input["x1"], input["x2"]])));
        Assert.Contains("'x3'", e.Message);
    }

    [Fact]
    public void Input_example_is_saved_in_mlflow_split_and_serving_formats()
    {
        using var dir = new TempDir();
        using var model = Package(dir, "churn_classifier");

        var pkg = dir.Sub("pkg");
        Assert.Equal("{\"columns\": [\"age\", \"income\"], \"data\": [[25.0, 1.2], [61.0, 0.1]]}", File.ReadAllText(Path.Combine(pkg, "input_example.json")));
        Assert.StartsWith("{\n  \"dataframe_split\": {\n    \"columns\": [", File.ReadAllText(Path.Combine(pkg, "serving_input_example.json")));
        Assert.Equal("serving_input_example.json", model.Metadata.SavedInputExampleInfo!["serving_input_path"]);
        var example = InputExample.Load(pkg, model.Metadata)!;
        Assert.Equal(2, model.Predict(example).RowCount);
    }

    [Fact]
    public void A_package_without_a_loadable_flavor_is_refused_with_its_flavors()
    {
        using var dir = new TempDir();
        var file = new MlModelFile();
        file.Flavors["sklearn"] = new Dictionary<string, object?> { ["pickled_model"] = "model.pkl" };
        file.Write(dir.Path);

        var e = Assert.Throws<FathomException>(() => ModelLoader.Load(dir.Path));
        Assert.Contains("sklearn", e.Message);
    }

    [Fact]
    public void Concurrent_predictions_from_one_model_agree()
    {
        using var dir = new TempDir();
        using var model = Package(dir, "iris_classifier_zipmap");
        var input = OnnxFixtures.Inputs("iris_classifier_zipmap");
        var reference = model.Predict(input).Scores!.Values.ToArray();

        Parallel.For(0, 64, _ => Assert.Equal(reference, model.Predict(input).Scores!.Values.ToArray()));
    }
}
