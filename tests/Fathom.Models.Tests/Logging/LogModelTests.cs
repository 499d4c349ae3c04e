using System.Text.Json;
using Fathom.Client;
using Fathom.Models.Logging;
using Fathom.Models.Packaging;
using Fathom.Models.Tests.MlNet;
using Fathom.Models.Tests.Onnx;
using Microsoft.ML.Data;

namespace Fathom.Models.Tests.Logging;

public sealed class LogModelTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    private FathomClient Client() => new(server.Url);

    [Fact]
    public async Task LogModel_uploads_an_mlnet_package_that_downloads_and_predicts_as_trained()
    {
        using var client = Client();
        using var dir = new TempDir();
        var rows = MlNetTraining.Rows(200);
        var (_, model, data) = MlNetTraining.Train("multiclass", rows);
        var table = MlNetTraining.Table(rows);
        LoggedModel logged;
        string runId;
        await using (var run = await client.StartRunAsync("log-model-mlnet"))
        {
            runId = run.RunId;
            logged = await run.LogModelAsync(model, data.Schema, "model", inputExample: table.Take([0, 1]), labelColumn: "Kind");
        }

        Assert.Equal($"runs:/{runId}/model", logged.ModelUri);
        var files = (await client.ListArtifactsAsync(runId, "model")).Select(f => f.Path).ToArray();
        Assert.Contains("model/MLmodel", files);
        Assert.Contains("model/model.zip", files);
        Assert.Contains("model/input_example.json", files);
        using var loaded = await ModelDownloader.LoadAsync(client, logged.ModelUri, dir.Path);
        Assert.Equal(runId, loaded.Metadata.RunId);
        Assert.Equal("model", loaded.Metadata.ArtifactPath);
        Assert.Equal(model.Transform(data).GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(m => m.ToString()),
            Enumerable.Range(0, rows.Length).Select(loaded.Predict(table).Prediction.Format));
    }

    [Fact]
    public async Task LogModel_with_a_registered_name_creates_a_version_that_loads_by_models_uri()
    {
        using var client = Client();
        using var dir = new TempDir();
        var rows = MlNetTraining.Rows(200);
        var (_, model, data) = MlNetTraining.Train("multiclass", rows);
        var table = MlNetTraining.Table(rows);
        LoggedModel first, second;
        await using (var run = await client.StartRunAsync("log-model-register"))
        {
            first = await run.LogModelAsync(model, data.Schema, "model", labelColumn: "Kind", registeredModelName: "kinds");
            second = await run.LogModelAsync(model, data.Schema, "again", labelColumn: "Kind", registeredModelName: "kinds");
        }

        Assert.Equal("1", first.RegisteredVersion);
        Assert.Equal("2", second.RegisteredVersion);
        using var loaded = await ModelDownloader.LoadAsync(client, "models:/kinds/1", dir.Path);
        Assert.Equal("model", loaded.Metadata.ArtifactPath);
        Assert.Equal(model.Transform(data).GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(m => m.ToString()),
            Enumerable.Range(0, rows.Length).Select(loaded.Predict(table).Prediction.Format));
    }

    [Fact]
    public async Task Each_logged_model_is_appended_to_the_run_history_tag_as_mlflow_does()
    {
        using var client = Client();
        string runId;
        await using (var run = await client.StartRunAsync("log-model-history"))
        {
            runId = run.RunId;
            await run.LogOnnxModelAsync(OnnxFixtures.File("linear_regressor"), "first");
            await run.LogOnnxModelAsync(OnnxFixtures.File("churn_classifier"), "second");
        }

        var tag = (await client.GetRunAsync(runId)).Data.Tags.Single(t => t.Key == FathomRunModelExtensions.HistoryTag);
        using var history = JsonDocument.Parse(tag.Value);
        var entries = history.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["first", "second"], entries.Select(e => e.GetProperty("artifact_path").GetString()));
        Assert.All(entries, e => Assert.Equal(runId, e.GetProperty("run_id").GetString()));
        Assert.Equal("mlflow.onnx", entries[0].GetProperty("flavors").GetProperty("python_function").GetProperty("loader_module").GetString());
        Assert.False(entries[0].TryGetProperty("signature", out _));
    }

    [Fact]
    public async Task A_malformed_uri_is_refused()
    {
        using var client = Client();
        var e = await Assert.ThrowsAsync<FathomException>(() => ModelDownloader.DownloadAsync(client, "s3://bucket/model", Path.GetTempPath()));
        Assert.Equal(ErrorCode.INVALID_PARAMETER_VALUE, e.Code);
    }
}
