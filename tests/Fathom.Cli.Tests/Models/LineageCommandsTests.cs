using System.Text.Json;
using Fathom.Client;

namespace Fathom.Cli.Tests.Models;

public sealed class LineageCommandsTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    private async Task<string> TrainingRunAsync()
    {
        using var client = new FathomClient(server.Url);
        var run = await client.CreateRunAsync(await client.GetOrCreateExperimentAsync("cli-lineage"));
        var id = run.Info.RunId;
        await client.LogBatchAsync(id, [new Metric("accuracy", 0.875, 1, 0)], [new Param("trainer", "sdca")]);
        await client.LogInputsAsync(id, [new DatasetInput([new RunTag("mlflow.data.context", "training")],
            new Dataset("weather.csv", "feedbeef", "local", "{\"uri\": \"/data/weather.csv\"}"))]);
        var folder = Directory.CreateTempSubdirectory("fathom-cli-lineage-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "MLmodel"), "artifact_path: model\n");
        await client.LogArtifactAsync(id, folder, "model");
        return id;
    }

    [Fact]
    public async Task Show_with_a_version_prints_its_run_dataset_params_and_metrics()
    {
        var runId = await TrainingRunAsync();
        var name = $"cli-lineage-{Guid.NewGuid():N}";
        await Fathom("models", "register", $"runs:/{runId}/model", name);

        var (code, table) = await Fathom("models", "show", name, "--version", "1");
        var (jsonCode, json) = await Fathom("models", "show", name, "--version", "1", "--json");
        var (missingCode, missing) = await Fathom("models", "show", name, "--version", "9");

        Assert.Equal((0, 0), (code, jsonCode));
        foreach (var expected in new[] { runId, "weather.csv", "feedbeef", "trainer", "sdca", "accuracy", "0.875" })
            Assert.Contains(expected, table);
        var lineage = JsonDocument.Parse(json).RootElement.GetProperty("lineage");
        Assert.Equal((runId, "model"), (lineage.GetProperty("run_id").GetString(), lineage.GetProperty("artifact_path").GetString()));
        Assert.Equal("weather.csv", lineage.GetProperty("dataset_inputs")[0].GetProperty("dataset").GetProperty("name").GetString());
        Assert.Equal("sdca", lineage.GetProperty("params")[0].GetProperty("value").GetString());
        Assert.Equal(0.875, lineage.GetProperty("metrics")[0].GetProperty("value").GetDouble());
        Assert.Equal(1, missingCode);
        Assert.Contains("has no version '9'", missing);
    }

    [Fact]
    public async Task Versions_with_a_run_id_lists_the_versions_made_from_that_run()
    {
        var runId = await TrainingRunAsync();
        var otherRun = await TrainingRunAsync();
        var (first, second) = ($"cli-run-a-{Guid.NewGuid():N}", $"cli-run-b-{Guid.NewGuid():N}");
        await Fathom("models", "register", $"runs:/{runId}/model", first);
        await Fathom("models", "register", $"runs:/{otherRun}/model", first);
        await Fathom("models", "register", $"runs:/{runId}/model", second);

        var (code, json) = await Fathom("models", "versions", "--run-id", runId, "--json");
        var (_, oneModel) = await Fathom("models", "versions", first, "--run-id", runId, "--json");
        var (refusedCode, _) = await Fathom("models", "versions");

        Assert.Equal(0, code);
        Assert.Equal([(first, "1"), (second, "1")], Versions(json).Order());
        Assert.Equal([(first, "1")], Versions(oneModel));
        Assert.NotEqual(0, refusedCode);
    }

    private static IEnumerable<(string?, string?)> Versions(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("model_versions").EnumerateArray()
            .Select(v => (v.GetProperty("name").GetString(), v.GetProperty("version").GetString())).ToList();
}
