using Fathom.Models.Packaging;
using Fathom.Models.Signatures;

namespace Fathom.Models.Tests.Packaging;

public class MlModelFileTests
{
    // What MLflow 2.17's mlflow.onnx.log_model writes (values shortened).
    private const string MlflowOnnxFile = """
        artifact_path: model
        flavors:
          onnx:
            code: null
            data: model.onnx
            onnx_version: 1.16.1
            providers:
            - CUDAExecutionProvider
            - CPUExecutionProvider
          python_function:
            data: model.onnx
            env:
              conda: conda.yaml
              virtualenv: python_env.yaml
            loader_module: mlflow.onnx
            python_version: 3.10.12
        mlflow_version: 2.17.0
        model_size_bytes: 1234
        model_uuid: 6a3c4f0e2b1d4c59a0e3f4b5c6d7e8f9
        run_id: 0123456789abcdef0123456789abcdef
        saved_input_example_info:
          artifact_path: input_example.json
          pandas_orient: split
          serving_input_path: serving_input_example.json
          type: dataframe
        signature:
          inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}, "name": "float_input"}]'
          outputs: null
          params: null
        utc_time_created: '2024-10-14 09:12:45.123456'

        """;

    [Fact]
    public void A_file_written_by_mlflow_is_read_with_its_types()
    {
        var file = MlModelFile.Parse(MlflowOnnxFile);

        Assert.Equal("model", file.ArtifactPath);
        Assert.Equal("0123456789abcdef0123456789abcdef", file.RunId);
        Assert.Equal("2024-10-14 09:12:45.123456", file.UtcTimeCreated);
        Assert.Equal("2.17.0", file.MlflowVersion);
        Assert.Null(file.FathomVersion);
        Assert.Equal(1234L, file.ModelSizeBytes);
        Assert.Equal(["onnx", "python_function"], file.Flavors.Keys);
        Assert.Equal("1.16.1", file.Flavor("onnx")!["onnx_version"]);
        Assert.Null(file.Flavor("onnx")!["code"]);
        Assert.Equal(new List<object?> { "CUDAExecutionProvider", "CPUExecutionProvider" }, file.Flavor("onnx")!["providers"]);
        Assert.Equal("float_input", file.Signature!.Inputs.Tensors[0].Name);
        Assert.Null(file.Signature.Outputs);
        Assert.Equal("split", file.SavedInputExampleInfo!["pandas_orient"]);
    }

    [Fact]
    public void A_file_written_by_mlflow_round_trips_unchanged()
    {
        var file = MlModelFile.Parse(MlflowOnnxFile);

        Assert.Equal(MlflowOnnxFile.ReplaceLineEndings("\n"), file.ToYaml());
    }

    [Fact]
    public void Strings_that_yaml_would_read_as_other_types_are_quoted()
    {
        var file = new MlModelFile { RunId = "123", ArtifactPath = "true", UtcTimeCreated = "2024-01-02 03:04:05.000006" };
        file.Flavors["x"] = new Dictionary<string, object?> { ["version"] = "1.0", ["n"] = 3L, ["flag"] = false };

        var back = MlModelFile.Parse(file.ToYaml());

        Assert.Equal("123", back.RunId);
        Assert.Equal("true", back.ArtifactPath);
        Assert.Equal("2024-01-02 03:04:05.000006", back.UtcTimeCreated);
        Assert.Equal("1.0", back.Flavor("x")!["version"]);
        Assert.Equal(3L, back.Flavor("x")!["n"]);
        Assert.Equal(false, back.Flavor("x")!["flag"]);
    }

    [Fact]
    public void Signature_is_kept_as_json_strings_inside_the_yaml()
    {
        var file = new MlModelFile { Signature = new ModelSignature(ModelSchema.OfColumns(("x", ColumnType.Double)), ModelSchema.OfColumns(("y", ColumnType.Long))) };

        var yaml = file.ToYaml();

        Assert.Contains("  inputs: '[{\"type\": \"double\", \"name\": \"x\", \"required\": true}]'", yaml);
        Assert.Contains("  params: null", yaml);
        var back = MlModelFile.Parse(yaml).Signature!;
        Assert.Equal(file.Signature.Inputs.ToJson(), back.Inputs.ToJson());
        Assert.Equal(file.Signature.Outputs!.ToJson(), back.Outputs!.ToJson());
    }

    [Fact]
    public void New_files_carry_a_uuid_time_and_both_versions()
    {
        var file = MlModelFile.Parse(new MlModelFile().ToYaml());

        Assert.Matches("^[0-9a-f]{32}$", file.ModelUuid);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$", file.UtcTimeCreated);
        Assert.Equal(MlModelFile.MlflowFormatVersion, file.MlflowVersion);
        Assert.NotNull(file.FathomVersion);
    }

    [Fact]
    public void Missing_file_is_not_found()
    {
        var e = Assert.Throws<FathomException>(() => MlModelFile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
        Assert.Equal(ErrorCode.RESOURCE_DOES_NOT_EXIST, e.Code);
    }

    [Fact]
    public void Malformed_yaml_is_an_invalid_parameter() =>
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, Assert.Throws<FathomException>(() => MlModelFile.Parse("a: [unclosed")).Code);

    [Fact]
    public void History_entry_holds_what_mlflow_puts_in_the_run_tag()
    {
        var file = MlModelFile.Parse(MlflowOnnxFile);

        Assert.Equal(["artifact_path", "flavors", "model_uuid", "run_id", "utc_time_created"], file.ToHistoryEntry().Keys);
    }
}
