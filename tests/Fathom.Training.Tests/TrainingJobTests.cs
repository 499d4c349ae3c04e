using Fathom.Client;
using Fathom.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Fathom.Training.Tests;

/// <summary>Training jobs against a real in-process tracking server with its own SQLite store and artifact folder.</summary>
public sealed class TrainingJobTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>, IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static TrainingRequest Weather(string experiment) => new()
    {
        DataPath = TestFiles.Weather, Task = TrainingTask.Multiclass, Label = "weather", Experiment = experiment,
        Parameters = new Dictionary<string, string> { ["NumberOfIterations"] = "30" },
    };

    [Fact]
    public async Task Seattle_weather_multiclass_run_holds_params_metrics_dataset_and_artifacts()
    {
        using var client = new FathomClient(server.Url);
        var stages = new List<TrainingStage>();

        var result = await TrainingJob.RunAsync(Weather("job-weather"), client, stages.Add);

        Assert.Equal([TrainingStage.Reading, TrainingStage.Featurizing, TrainingStage.Training, TrainingStage.Evaluating, TrainingStage.Logging], stages);
        var run = await client.GetRunAsync(result.RunId);
        var @params = run.Data.Params.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("lightgbm", @params["trainer"]);
        Assert.Equal("multiclass", @params["task"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(TestFiles.Weather))), @params["data_sha256"]);
        Assert.Equal("1461", @params["rows_total"]);
        Assert.Equal("1169", @params["rows_train"]);
        Assert.Equal("292", @params["rows_validation"]);
        Assert.Equal("precipitation,temp_max,temp_min,wind,date", @params["features"]);
        Assert.Equal("30", @params["NumberOfIterations"]);
        var metrics = run.Data.Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal(result.Metrics.Keys.Order(), metrics.Keys.Order());
        Assert.Equal(result.Metrics["f1_macro"], metrics["f1_macro"]);
        Assert.Contains(run.Inputs.DatasetInputs, d => d.Dataset.Name == "seattle-weather.csv" && d.Dataset.Digest == @params["data_sha256"][..8]);

        var artifacts = (await client.ListArtifactsAsync(result.RunId)).Select(a => a.Path).ToList();
        Assert.Contains("confusion_matrix.json", artifacts);
        Assert.Contains("confusion_matrix.csv", artifacts);
        Assert.Contains("data_profile.json", artifacts);
        var model = (await client.ListArtifactsAsync(result.RunId, "model")).Select(a => a.Path).ToList();
        Assert.Contains("model/model.zip", model);
        Assert.Contains("model/MLmodel", model);
        Assert.Contains("model/input_example.json", model);
    }

    [Fact]
    public async Task The_logged_model_reproduces_the_logged_accuracy_on_the_validation_rows()
    {
        using var client = new FathomClient(server.Url);
        var request = Weather("job-reload");
        var result = await TrainingJob.RunAsync(request, client);

        var local = await client.DownloadArtifactsAsync(result.RunId, "model/model.zip", _files.PathOf("download"));
        var ml = Fathom.Models.MlNet.TimestampFeatures.Register(new MLContext(1));
        var model = ml.Model.Load(local, out var inputSchema);
        var split = await DatasetLoader.LoadAsync(request, CancellationToken.None);
        var scored = model.Transform(split.Validation.View(split.ValidationRows));
        var predicted = scored.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(p => p.ToString()).ToArray();
        var actual = split.Validation.View(split.ValidationRows).GetColumn<ReadOnlyMemory<char>>("Label").Select(p => p.ToString()).ToArray();

        Assert.DoesNotContain(inputSchema, c => c.Name == "Label");
        Assert.Equal(result.Metrics["accuracy"], predicted.Zip(actual).Count(p => p.First == p.Second) / (double)actual.Length, 1e-12);
    }

    [Fact]
    public async Task A_sweep_makes_one_child_per_combination_and_marks_the_best_on_the_parent()
    {
        using var client = new FathomClient(server.Url);
        var request = Weather("job-sweep") with
        {
            Sweep = new Dictionary<string, IReadOnlyList<string>> { ["NumberOfLeaves"] = ["2", "16"], ["LearningRate"] = ["0.05", "0.3"] },
        };

        var result = await TrainingJob.RunAsync(request, client);

        Assert.Equal(4, result.Children.Count);
        var best = result.Children.MaxBy(c => c.PrimaryMetric)!;
        Assert.Equal(best.RunId, result.BestRunId);
        Assert.Equal($"runs:/{best.RunId}/model", result.ModelUri);
        var parent = await client.GetRunAsync(result.RunId);
        Assert.Equal(best.RunId, parent.Data.Tags.Single(t => t.Key == TrainingJob.BestRunTag).Value);
        Assert.Equal(best.PrimaryMetric, parent.Data.Metrics.Single(m => m.Key == "accuracy").Value);
        foreach (var child in result.Children)
        {
            var run = await client.GetRunAsync(child.RunId);
            Assert.Equal(result.RunId, run.Data.Tags.Single(t => t.Key == "mlflow.parentRunId").Value);
            Assert.Equal(child.Parameters["NumberOfLeaves"], run.Data.Params.Single(p => p.Key == "NumberOfLeaves").Value);
            Assert.Equal(child.RunId == best.RunId, run.Data.Tags.Any(t => t.Key == TrainingJob.BestChildTag));
        }
    }

    [Fact]
    public async Task A_misspelled_option_fails_before_any_run_is_created()
    {
        using var client = new FathomClient(server.Url);
        var request = Weather("job-misspelled") with { Sweep = new Dictionary<string, IReadOnlyList<string>> { ["NumberOfLeafs"] = ["2", "4"] } };

        var error = await Assert.ThrowsAsync<Fathom.Core.Errors.FathomException>(() => TrainingJob.RunAsync(request, client));

        Assert.Contains("Unknown parameter 'NumberOfLeafs'", error.Message);
        await Assert.ThrowsAsync<FathomResourceNotFoundException>(() => client.GetExperimentByNameAsync("job-misspelled"));
    }
}
