using Fathom.Client;
using Fathom.Serving.Tests.Fixtures;
using Fathom.TestSupport;

namespace Fathom.Serving.Tests.Hosting;

public sealed class RegistryServingTests(TrackingServerFixture tracking) : IClassFixture<TrackingServerFixture>
{
    [Fact]
    public async Task Serving_an_alias_downloads_the_version_from_the_registry_and_follows_the_alias_when_it_moves()
    {
        using var client = new FathomClient(tracking.Url);
        var run = await client.CreateRunAsync(await client.GetOrCreateExperimentAsync("serve-registry"));
        await client.LogArtifactAsync(run.Info.RunId, TestModels.Regressor, "v1");
        await client.LogArtifactAsync(run.Info.RunId, TestModels.RegressorV2, "v2");
        await client.RegisterModelAsync($"runs:/{run.Info.RunId}/v1", "served");
        await client.RegisterModelAsync($"runs:/{run.Info.RunId}/v2", "served");
        await client.SetRegisteredModelAliasAsync("served", "champion", "1");
        using var cache = new TempFolder();

        await using var server = await RunningModelServer.StartAsync("models:/served@champion", o =>
        {
            o.TrackingUri = tracking.Url;
            o.ModelCacheDirectory = cache.Path;
            o.PredictionLogEnabled = false;
        });
        await WaitForVersionAsync(server, "1");
        await client.SetRegisteredModelAliasAsync("served", "champion", "2");
        await WaitForVersionAsync(server, "2");

        Assert.True(File.Exists(Path.Combine(cache.Path, "served", "1", "MLmodel")));
        Assert.True(File.Exists(Path.Combine(cache.Path, "served", "2", "MLmodel")));
        var version = (await server.Http.GetStringAsync("/version")).Replace(" ", "");
        Assert.Contains("\"model_name\":\"served\"", version);
        Assert.Contains("\"alias\":\"champion\"", version);
    }

    [Fact]
    public async Task A_server_started_before_the_alias_exists_stays_unready_until_the_alias_is_set()
    {
        using var client = new FathomClient(tracking.Url);
        var run = await client.CreateRunAsync(await client.GetOrCreateExperimentAsync("serve-registry-late"));
        await client.LogArtifactAsync(run.Info.RunId, TestModels.Regressor, "model");
        await client.RegisterModelAsync($"runs:/{run.Info.RunId}/model", "late");
        using var cache = new TempFolder();

        var starting = RunningModelServer.StartAsync("models:/late@champion", o =>
        {
            o.TrackingUri = tracking.Url;
            o.ModelCacheDirectory = cache.Path;
            o.PredictionLogEnabled = false;
        });
        await Task.Delay(500);
        var readyEarly = starting.IsCompleted;
        await client.SetRegisteredModelAliasAsync("late", "champion", "1");
        await using var server = await starting;

        Assert.False(readyEarly);
        await WaitForVersionAsync(server, "1");
    }

    private static async Task WaitForVersionAsync(RunningModelServer server, string version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await server.Http.GetAsync("/version");
            var body = (await response.Content.ReadAsStringAsync()).Replace(" ", "");
            if (response.IsSuccessStatusCode && body.Contains($"\"model_version\":\"{version}\"")) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"/version never showed version {version}: {body}");
            await Task.Delay(50);
        }
    }
}
