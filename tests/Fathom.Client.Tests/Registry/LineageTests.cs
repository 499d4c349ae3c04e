namespace Fathom.Client.Tests.Registry;

/// <summary>Lineage both ways (version to run, run to versions) against a real server, once per backend store.</summary>
public abstract class LineageTests(string url)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private FathomClient Client() => new(LoopbackApp.FastRetries(url));

    /// <summary>A run that logged params, metrics, a training dataset and a model folder under artifacts/model.</summary>
    private static async Task<string> TrainingRunAsync(FathomClient client)
    {
        var run = await client.CreateRunAsync(await client.CreateExperimentAsync(Unique("lineage")));
        var id = run.Info.RunId;
        await client.LogBatchAsync(id, [new Metric("rmse", 0.25, 1, 0), new Metric("rmse", 0.125, 2, 1)], [new Param("trainer", "lightgbm")]);
        await client.LogInputsAsync(id, [new DatasetInput([new RunTag("mlflow.data.context", "training")],
            new Dataset("flights.parquet", "0a1b2c3d", "local", "{\"uri\": \"/data/flights.parquet\"}"))]);
        var folder = Directory.CreateTempSubdirectory("fathom-lineage-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "MLmodel"), "artifact_path: model\n");
        await client.LogArtifactAsync(id, folder, "model");
        Directory.Delete(folder, recursive: true);
        return id;
    }

    [Fact]
    public async Task A_version_shows_its_run_artifact_path_dataset_inputs_params_and_metrics()
    {
        using var client = Client();
        var runId = await TrainingRunAsync(client);
        var name = Unique("lineage");
        await client.RegisterModelAsync($"runs:/{runId}/model", name);
        await client.SetRegisteredModelAliasAsync(name, "champion", "1");

        var lineage = await client.GetModelVersionLineageAsync(name, "1");

        Assert.Equal((runId, "model"), (lineage.RunId, lineage.ArtifactPath));
        Assert.Equal(["champion"], lineage.Version.Aliases);
        var input = Assert.Single(lineage.DatasetInputs);
        Assert.Equal(("flights.parquet", "0a1b2c3d", "local"), (input.Dataset.Name, input.Dataset.Digest, input.Dataset.SourceType));
        Assert.Contains("/data/flights.parquet", input.Dataset.Source);
        Assert.Equal([new Param("trainer", "lightgbm")], lineage.Params);
        Assert.Equal(0.125, Assert.Single(lineage.Metrics).Value);
    }

    [Fact]
    public async Task A_version_without_a_run_or_whose_run_is_gone_still_has_lineage_with_what_is_known()
    {
        using var client = Client();
        var name = Unique("orphan");
        await client.CreateRegisteredModelAsync(name);
        await client.CreateModelVersionAsync(name, "s3://bucket/models/a");
        await client.CreateModelVersionAsync(name, "s3://bucket/models/b", runId: "0123456789abcdef0123456789abcdef");

        var noRun = await client.GetModelVersionLineageAsync(name, "1");
        var goneRun = await client.GetModelVersionLineageAsync(name, "2");

        Assert.Equal((null, null, null), (noRun.RunId, noRun.ArtifactPath, noRun.Run));
        Assert.Equal("0123456789abcdef0123456789abcdef", goneRun.RunId);
        Assert.Null(goneRun.Run);
        Assert.Empty(goneRun.Params);
        await Assert.ThrowsAsync<FathomResourceNotFoundException>(() => client.GetModelVersionLineageAsync(name, "3"));
    }

    [Fact]
    public async Task A_run_lists_every_version_made_from_it_across_models_and_no_other()
    {
        using var client = Client();
        var runId = await TrainingRunAsync(client);
        var otherRun = await TrainingRunAsync(client);
        var (first, second) = (Unique("a"), Unique("b"));
        await client.RegisterModelAsync($"runs:/{runId}/model", first);
        await client.RegisterModelAsync($"runs:/{otherRun}/model", first);
        await client.RegisterModelAsync($"runs:/{runId}/model", first);
        await client.RegisterModelAsync($"runs:/{runId}/model", second);

        var versions = await client.GetModelVersionsForRunAsync(runId);
        var none = await client.GetModelVersionsForRunAsync(Guid.NewGuid().ToString("N"));

        Assert.Equal([(first, "1"), (first, "3"), (second, "1")],
            versions.Select(v => (v.Name, v.Version)).Order());
        Assert.All(versions, v => Assert.Equal(runId, v.RunId));
        Assert.Empty(none);
    }
}

public sealed class SqliteLineageTests(TrackingServerFixture server) : LineageTests(server.Url), IClassFixture<TrackingServerFixture>;

public sealed class PostgresLineageTests(PostgresTrackingServerFixture server) : LineageTests(server.Url), IClassFixture<PostgresTrackingServerFixture>;
