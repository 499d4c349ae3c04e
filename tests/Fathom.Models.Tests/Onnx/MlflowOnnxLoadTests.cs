using System.Diagnostics;
using System.Text.Json;
using Fathom.Models.Packaging;

namespace Fathom.Models.Tests.Onnx;

/// <summary>
/// Fathom's ONNX packages go through the loading steps of MLflow 2.17's mlflow.onnx, replayed by
/// tools/mlflow_compat/load_as_mlflow_onnx.py with Debian's python3-onnx (MLflow itself is not in Debian's packages).
/// </summary>
public class MlflowOnnxLoadTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "mlflow_compat", "load_as_mlflow_onnx.py");

    [Theory]
    [InlineData("linear_regressor")]
    [InlineData("iris_classifier_zipmap")]
    [InlineData("churn_classifier")]
    public void A_fathom_onnx_package_loads_as_mlflow_onnx_loads_it(string fixture)
    {
        using var dir = new TempDir();
        ModelPackage.SaveOnnx(OnnxFixtures.File(fixture), dir.Sub("pkg"), null, OnnxFixtures.Inputs(fixture).Take([0, 1]));

        var (exitCode, result) = LoadAsMlflow(dir.Sub("pkg"));

        Assert.True(exitCode == 0, result.ToString());
        Assert.True(result.GetProperty("ok").GetBoolean());
        // mlflow.onnx feeds a DataFrame's columns (or its one tensor) by the graph's input names: the signature must name them.
        Assert.Equal(Names(result, "graph_inputs"), Names(result, "signature_inputs"));
        Assert.Equal(Names(result, "graph_outputs"), Names(result, "signature_outputs"));
        Assert.Equal("input_example.json", result.GetProperty("input_example").GetProperty("artifact_path").GetString());
    }

    [Fact]
    public void A_package_whose_onnx_file_is_damaged_fails_the_mlflow_load()
    {
        using var dir = new TempDir();
        ModelPackage.SaveOnnx(OnnxFixtures.File("linear_regressor"), dir.Sub("pkg"));
        File.WriteAllBytes(Path.Combine(dir.Sub("pkg"), "model.onnx"), [1, 2, 3, 4]);

        var (exitCode, result) = LoadAsMlflow(dir.Sub("pkg"));

        Assert.Equal(1, exitCode);
        Assert.Contains("onnx could not load", result.GetProperty("error").GetString());
    }

    private static string[] Names(JsonElement result, string property) =>
        result.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static (int ExitCode, JsonElement Result) LoadAsMlflow(string modelDir)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(modelDir);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(stdout.Length > 0, $"the script printed nothing; stderr: {stderr} (needs Debian's python3-onnx and python3-yaml)");
        using var doc = JsonDocument.Parse(stdout);
        return (process.ExitCode, doc.RootElement.Clone());
    }
}
