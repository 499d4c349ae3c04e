namespace Fathom.Client.Tests.Registry;

/// <summary>The typed registry calls and model URI resolution against a real Fathom server.</summary>
public sealed class RegistryClientTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A run with a two-file model folder under artifacts/model, registered as version 1 of a new model.</summary>
    private static async Task<(string Name, string RunId, string Folder)> RegisteredModelAsync(FathomClient client)
    {
        var name = Unique("model");
        var experiment = await client.CreateExperimentAsync(Unique("exp"));
        var run = await client.CreateRunAsync(experiment);
        var folder = Directory.CreateTempSubdirectory("fathom-model-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "MLmodel"), "flavors: {}\n");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "data", "model.zip"), [1, 2, 3, 4]);
        await client.LogArtifactAsync(run.Info.RunId, folder, "model");
        await client.RegisterModelAsync($"runs:/{run.Info.RunId}/model", name);
        return (name, run.Info.RunId, folder);
    }

    [Fact]
    public async Task RegisterModel_creates_the_model_and_records_the_run_and_its_artifact_location()
    {
        using var client = server.CreateClient();
        var (name, runId, _) = await RegisteredModelAsync(client);

        var second = await client.RegisterModelAsync($"runs:/{runId}/model", name);
        var first = await client.GetModelVersionAsync(name, "1");

        Assert.Equal("2", second.Version);
        Assert.Equal(runId, first.RunId);
        Assert.EndsWith($"/{runId}/artifacts/model", first.Source);
        Assert.StartsWith("mlflow-artifacts:/", first.Source);
    }

    [Fact]
    public async Task Registered_models_and_versions_round_trip_through_every_call()
    {
        using var client = server.CreateClient();
        var name = Unique("calls");
        await client.CreateRegisteredModelAsync(name, [new RunTag("team", "growth")], "first");
        await client.CreateModelVersionAsync(name, "mlflow-artifacts:/0/r/artifacts/model", tags: [new RunTag("k", "v")]);

        await client.UpdateRegisteredModelAsync(name, "second");
        await client.SetRegisteredModelTagAsync(name, "tier", "gold");
        await client.DeleteRegisteredModelTagAsync(name, "team");
        await client.UpdateModelVersionAsync(name, "1", "tuned");
        await client.SetModelVersionTagAsync(name, "1", "validated", "yes");
        await client.DeleteModelVersionTagAsync(name, "1", "k");
        await client.SetRegisteredModelAliasAsync(name, "champion", "1");
        var staged = await client.TransitionModelVersionStageAsync(name, "1", "Staging", archiveExistingVersions: true);

        var model = await client.GetRegisteredModelAsync(name);
        var version = await client.GetModelVersionByAliasAsync(name, "champion");
        Assert.Equal("second", model.Description);
        Assert.Equal([new RunTag("tier", "gold")], model.Tags);
        Assert.Equal([new RegisteredModelAlias("champion", "1")], model.Aliases);
        Assert.Equal(("tuned", "Staging"), (version.Description, staged.CurrentStage));
        Assert.Equal(["champion"], version.Aliases);
        Assert.Equal([new RunTag("validated", "yes")], version.Tags);
        Assert.Equal("1", Assert.Single(await client.GetLatestVersionsAsync(name, ["Staging"])).Version);

        var renamed = name + "-renamed";
        await client.RenameRegisteredModelAsync(name, renamed);
        Assert.Single((await client.SearchRegisteredModelsAsync($"name = '{renamed}'")).Items);
        Assert.Single((await client.SearchModelVersionsAsync($"name = '{renamed}'")).Items);
        await client.DeleteRegisteredModelAliasAsync(renamed, "champion");
        await client.DeleteModelVersionAsync(renamed, "1");
        await client.DeleteRegisteredModelAsync(renamed);
        await Assert.ThrowsAsync<FathomResourceNotFoundException>(() => client.GetRegisteredModelAsync(renamed));
    }

    [Fact]
    public async Task Every_model_uri_form_resolves_to_the_versions_artifact_location()
    {
        using var client = server.CreateClient();
        var (name, runId, _) = await RegisteredModelAsync(client);
        await client.RegisterModelAsync($"runs:/{runId}/model", name);
        await client.SetRegisteredModelAliasAsync(name, "champion", "1");
        await client.TransitionModelVersionStageAsync(name, "1", "Production");
        var source = (await client.GetModelVersionAsync(name, "1")).Source;

        Assert.Equal(source, (await client.ResolveModelUriAsync($"models:/{name}/1")).ArtifactUri);
        Assert.Equal(("1", runId), ((await client.ResolveModelUriAsync($"models:/{name}@champion")) is var a ? (a.Version, a.RunId) : default));
        Assert.Equal("1", (await client.ResolveModelUriAsync($"models:/{name}/production")).Version);
        Assert.Equal("2", (await client.ResolveModelUriAsync($"models:/{name}/latest")).Version);
        Assert.Equal(source, (await client.ResolveModelUriAsync($"runs:/{runId}/model")).ArtifactUri);
        await Assert.ThrowsAsync<FathomResourceNotFoundException>(() => client.ResolveModelUriAsync($"models:/{name}/Archived"));
        await Assert.ThrowsAsync<FathomInvalidParameterException>(() => client.ResolveModelUriAsync($"models:/{name}@nobody"));
    }

    [Fact]
    public async Task DownloadModel_writes_the_model_folder_byte_for_byte()
    {
        using var client = server.CreateClient();
        var (name, _, folder) = await RegisteredModelAsync(client);
        await client.SetRegisteredModelAliasAsync(name, "champion", "1");
        var target = Path.Combine(Directory.CreateTempSubdirectory("fathom-download-").FullName, "out");

        var location = await client.DownloadModelAsync($"models:/{name}@champion", target);

        Assert.Equal("1", location.Version);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(folder, "MLmodel")), await File.ReadAllTextAsync(Path.Combine(target, "MLmodel")));
        Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(Path.Combine(target, "data", "model.zip")));
    }

    [Fact]
    public async Task A_version_registered_from_a_runs_uri_source_resolves_through_its_run()
    {
        using var client = server.CreateClient();
        var (name, runId, _) = await RegisteredModelAsync(client);
        var viaRuns = Unique("via-runs");
        await client.CreateRegisteredModelAsync(viaRuns);
        await client.CreateModelVersionAsync(viaRuns, $"runs:/{runId}/model", runId);

        var location = await client.ResolveModelUriAsync($"models:/{viaRuns}/1");

        Assert.Equal((await client.GetModelVersionAsync(name, "1")).Source, location.ArtifactUri);
    }
}
