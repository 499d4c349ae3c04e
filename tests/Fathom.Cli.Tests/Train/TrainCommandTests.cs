using System.Text.Json;
using Fathom.Client;

namespace Fathom.Cli.Tests.Train;

public sealed class TrainCommandTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    private static string Weather()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fathom.slnx"))) dir = dir.Parent;
        return Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared", "data", "seattle-weather.csv"));
    }

    [Fact]
    public async Task Train_with_json_prints_one_object_with_run_id_model_uri_and_metrics_that_the_run_holds()
    {
        var (code, output) = await Fathom("train", "--data", Weather(), "--label", "weather", "--task", "multiclass",
            "--experiment", "cli-train-json", "--param", "NumberOfIterations=20", "--json");

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        var runId = json.GetProperty("run_id").GetString()!;
        Assert.Equal($"runs:/{runId}/model", json.GetProperty("model_uri").GetString());
        Assert.False(json.TryGetProperty("registered_version", out _));
        var accuracy = json.GetProperty("metrics").GetProperty("accuracy").GetDouble();
        Assert.InRange(accuracy, 0.6, 1);

        using var client = new FathomClient(server.Url);
        var run = await client.GetRunAsync(runId);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal(accuracy, run.Data.Metrics.Single(m => m.Key == "accuracy").Value);
        Assert.Equal("20", run.Data.Params.Single(p => p.Key == "NumberOfIterations").Value);
    }

    [Fact]
    public async Task Train_with_register_and_alias_registers_a_version_whose_alias_resolves_to_the_run_model()
    {
        var (code, output) = await Fathom("train", "--data", Weather(), "--label", "weather", "--task", "multiclass",
            "--trainer", "sdca", "--experiment", "cli-train-register", "--register", "weather-cli", "--alias", "challenger", "--json");

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        var version = json.GetProperty("registered_version").GetString()!;
        using var client = new FathomClient(server.Url);
        var byAlias = await client.GetModelVersionByAliasAsync("weather-cli", "challenger");
        Assert.Equal(version, byAlias.Version);
        Assert.Equal(json.GetProperty("run_id").GetString(), byAlias.RunId);
        var location = await client.ResolveModelUriAsync("models:/weather-cli@challenger");
        Assert.EndsWith("/model", location.ArtifactUri);
    }

    [Fact]
    public async Task Train_prints_progress_steps_and_a_summary_table_with_run_id_and_model_uri()
    {
        var (code, output) = await Fathom("train", "--data", Weather(), "--label", "weather", "--task", "multiclass",
            "--trainer", "sdca", "--experiment", "cli-train-table");

        Assert.Equal(0, code);
        Assert.Contains("Reading data...", output);
        Assert.Contains("Training...", output);
        Assert.Contains("Run ID", output);
        Assert.Contains("Model URI", output);
        Assert.Contains("runs:/", output);
        Assert.Contains("f1_macro", output);
    }

    [Fact]
    public async Task A_missing_label_column_exits_1_naming_the_file_and_column_without_a_stack_trace()
    {
        var (code, output) = await Fathom("train", "--data", Weather(), "--label", "nope", "--task", "multiclass", "--experiment", "cli-train-bad");

        Assert.Equal(1, code);
        Assert.Contains("seattle-weather.csv: there is no label column 'nope'", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task An_unknown_trainer_parameter_exits_1_listing_the_valid_names()
    {
        var (code, output) = await Fathom("train", "--data", Weather(), "--label", "weather", "--task", "multiclass",
            "--param", "depth=3", "--experiment", "cli-train-badparam");

        Assert.Equal(1, code);
        Assert.Contains("Unknown parameter 'depth'", output);
        Assert.Contains("NumberOfLeaves", output);
    }

    [Theory]
    [InlineData("--label", "weather")]
    [InlineData("--task", "multiclass")]
    [InlineData("--task", "clustering", "--label", "weather")]
    public async Task Missing_or_wrong_required_options_are_usage_errors(params string[] args)
    {
        var (code, output) = await Fathom(["train", "--data", Weather(), .. args]);

        Assert.NotEqual(0, code);
        Assert.Contains("is required", output);
    }
}
