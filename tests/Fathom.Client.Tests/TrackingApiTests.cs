namespace Fathom.Client.Tests;

/// <summary>The typed endpoint calls against a real Fathom server.</summary>
public sealed class TrackingApiTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    [Fact]
    public async Task Experiments_can_be_created_renamed_deleted_and_restored()
    {
        using var client = server.CreateClient();
        var id = await client.CreateExperimentAsync("api-exp", tags: [new RunTag("owner", "ada")]);

        await client.RenameExperimentAsync(id, "api-exp-renamed");
        Assert.Equal("api-exp-renamed", (await client.GetExperimentByNameAsync("api-exp-renamed")).Name);

        await client.DeleteExperimentAsync(id);
        Assert.Equal("deleted", (await client.GetExperimentAsync(id)).LifecycleStage);
        await client.RestoreExperimentAsync(id);
        var restored = await client.GetExperimentAsync(id);
        Assert.Equal("active", restored.LifecycleStage);
        Assert.Contains(new RunTag("owner", "ada"), restored.Tags);
    }

    [Fact]
    public async Task Creating_a_duplicate_experiment_throws_already_exists()
    {
        using var client = server.CreateClient();
        await client.CreateExperimentAsync("api-dup");

        await Assert.ThrowsAsync<FathomResourceAlreadyExistsException>(() => client.CreateExperimentAsync("api-dup"));
    }

    [Fact]
    public async Task An_unknown_run_throws_resource_not_found()
    {
        using var client = server.CreateClient();

        await Assert.ThrowsAsync<FathomResourceNotFoundException>(() => client.GetRunAsync("0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task Search_runs_filters_orders_and_pages_through_every_match()
    {
        using var client = server.CreateClient();
        var experimentId = await client.CreateExperimentAsync("api-search");
        for (var i = 0; i < 7; i++)
        {
            var run = await client.CreateRunAsync(experimentId, $"run-{i}");
            await client.LogBatchAsync(run.Info.RunId, [new Metric("acc", i / 10.0, 0, 0)], [new Param("lr", i % 2 == 0 ? "0.01" : "0.1")]);
        }

        var page = await client.SearchRunsAsync([experimentId], "params.lr = '0.01'", ["metrics.acc DESC"], maxResults: 2);
        Assert.Equal(2, page.Items.Count);
        Assert.NotNull(page.NextPageToken);

        var all = new List<Run>();
        await foreach (var run in client.SearchAllRunsAsync([experimentId], "params.lr = '0.01'", ["metrics.acc DESC"], pageSize: 2))
            all.Add(run);
        Assert.Equal(["run-6", "run-4", "run-2", "run-0"], all.Select(r => r.Info.RunName));
    }

    [Fact]
    public async Task A_bad_filter_is_an_invalid_parameter_error_that_is_not_retried()
    {
        using var client = server.CreateClient();
        var experimentId = await client.CreateExperimentAsync("api-bad-filter");

        await Assert.ThrowsAsync<FathomInvalidParameterException>(() => client.SearchRunsAsync([experimentId], "metrics.acc >>> 1"));
    }

    [Fact]
    public async Task Run_tags_can_be_set_and_deleted_and_runs_deleted_and_restored()
    {
        using var client = server.CreateClient();
        var experimentId = await client.CreateExperimentAsync("api-run-lifecycle");
        var runId = (await client.CreateRunAsync(experimentId, "r")).Info.RunId;

        await client.SetTagAsync(runId, "stage", "eval");
        await client.LogParamAsync(runId, "seed", "42");
        await client.LogMetricAsync(runId, "acc", 0.5, step: 3);
        await client.DeleteTagAsync(runId, "stage");
        var run = await client.GetRunAsync(runId);
        Assert.DoesNotContain(run.Data.Tags, t => t.Key == "stage");
        Assert.Contains(new Param("seed", "42"), run.Data.Params);
        Assert.Equal(3, run.Data.Metrics.Single().Step);

        await client.DeleteRunAsync(runId);
        Assert.Equal("deleted", (await client.GetRunAsync(runId)).Info.LifecycleStage);
        await client.RestoreRunAsync(runId);
        var info = await client.UpdateRunAsync(runId, RunStatus.Killed, endTime: 1_700_000_000_000);
        Assert.Equal(RunStatus.Killed, info.Status);
    }

    [Fact]
    public async Task Search_experiments_pages_with_tokens()
    {
        using var client = server.CreateClient();
        for (var i = 0; i < 5; i++)
            await client.CreateExperimentAsync($"api-page-{i}");

        var names = new List<string>();
        await foreach (var e in client.SearchAllExperimentsAsync("name LIKE 'api-page-%'", ["name ASC"], pageSize: 2))
            names.Add(e.Name);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"api-page-{i}"), names);
    }
}
