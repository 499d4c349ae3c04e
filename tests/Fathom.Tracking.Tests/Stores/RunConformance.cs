using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

public sealed class SqliteRunTests : RunConformance<SqliteTarget>;

public sealed class PostgresRunTests : RunConformance<PostgresTarget>;

/// <summary>Run life cycle and tags, for every tracking store.</summary>
public abstract class RunConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task CreateRun_places_artifacts_under_the_experiment_and_records_the_run_name_tag()
    {
        var experimentId = await NewExperimentAsync();

        var run = await Store.CreateRunAsync(new NewRun(experimentId, "alice", 1234, [new Tag("a", "1")], "my-run"));

        Assert.Equal($"mlflow-artifacts:/{experimentId}/{run.Info.RunId}/artifacts", run.Info.ArtifactUri);
        Assert.Matches("^[0-9a-f]{32}$", run.Info.RunId);
        var stored = await Store.GetRunAsync(run.Info.RunId);
        Assert.Equal("my-run", stored.Info.RunName);
        Assert.Equal("alice", stored.Info.UserId);
        Assert.Equal(1234, stored.Info.StartTime);
        Assert.Equal(RunStatus.RUNNING, stored.Info.Status);
        Assert.Null(stored.Info.EndTime);
        Assert.Equal([new Tag("a", "1"), new Tag("mlflow.runName", "my-run")], stored.Data.Tags);
    }

    [Fact]
    public async Task CreateRun_without_a_name_gets_a_generated_one_and_now_as_start_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var run = await Store.CreateRunAsync(new NewRun(await NewExperimentAsync(), null, null, [], null));

        Assert.Matches(@"^[a-z]+-[a-z]+-\d{1,3}$", run.Info.RunName);
        Assert.InRange(run.Info.StartTime, before, before + 60_000);
        Assert.Contains(new Tag("mlflow.runName", run.Info.RunName), (await Store.GetRunAsync(run.Info.RunId)).Data.Tags);
    }

    [Fact]
    public async Task CreateRun_with_a_run_name_that_contradicts_its_tag_is_rejected()
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, async () =>
            await Store.CreateRunAsync(new NewRun(await NewExperimentAsync(), null, null, [new Tag("mlflow.runName", "b")], "a")));
        Assert.Contains("run_name='a', mlflow.runName='b'", error.Message);
    }

    [Fact]
    public async Task CreateRun_in_an_unknown_experiment_is_RESOURCE_DOES_NOT_EXIST()
    {
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.CreateRunAsync(new NewRun("4242", null, null, [], null)));
    }

    [Fact]
    public async Task Unknown_run_ids_are_RESOURCE_DOES_NOT_EXIST_with_MLflows_message()
    {
        var error = await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.GetRunAsync("nope"));
        Assert.Equal("Run with id=nope not found", error.Message);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.LogBatchAsync("nope", [new Metric("m", 1, 1, 0)], [], []));
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.SetTagAsync("nope", new Tag("a", "b")));
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.DeleteRunAsync("nope"));
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.UpdateRunInfoAsync("nope", RunStatus.FINISHED, 1, null));
    }

    [Fact]
    public async Task UpdateRunInfo_sets_status_end_time_and_name()
    {
        var run = await NewRunAsync();

        var info = await Store.UpdateRunInfoAsync(run.Info.RunId, RunStatus.FINISHED, 99_999, "renamed");

        Assert.Equal(RunStatus.FINISHED, info.Status);
        Assert.Equal(99_999, info.EndTime);
        Assert.Equal("renamed", info.RunName);
        Assert.Contains(new Tag("mlflow.runName", "renamed"), (await Store.GetRunAsync(run.Info.RunId)).Data.Tags);
    }

    [Fact]
    public async Task UpdateRunInfo_leaves_unset_fields_alone()
    {
        var run = await NewRunAsync(name: "keep");
        await Store.UpdateRunInfoAsync(run.Info.RunId, RunStatus.FAILED, 5, null);

        var info = await Store.UpdateRunInfoAsync(run.Info.RunId, null, null, null);

        Assert.Equal((RunStatus.FAILED, 5L, "keep"), (info.Status, info.EndTime!.Value, info.RunName));
    }

    [Fact]
    public async Task A_deleted_run_refuses_writes_until_restored()
    {
        var run = await NewRunAsync();
        await Store.DeleteRunAsync(run.Info.RunId);

        Assert.Equal(LifecycleStage.Deleted, (await Store.GetRunAsync(run.Info.RunId)).Info.LifecycleStage);
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, 1, 0)], [], []));
        Assert.Equal($"The run {run.Info.RunId} must be in the 'active' state. Current state is deleted.", error.Message);

        await Store.RestoreRunAsync(run.Info.RunId);
        await Store.LogBatchAsync(run.Info.RunId, [new Metric("m", 1, 1, 0)], [], []);
        Assert.Single((await Store.GetRunAsync(run.Info.RunId)).Data.Metrics);
    }

    [Fact]
    public async Task SetTag_with_the_run_name_tag_renames_the_run()
    {
        var run = await NewRunAsync(name: "before");

        await Store.SetTagAsync(run.Info.RunId, new Tag("mlflow.runName", "after"));

        Assert.Equal("after", (await Store.GetRunAsync(run.Info.RunId)).Info.RunName);
    }

    [Fact]
    public async Task Tags_are_overwritten_and_deleted_and_deleting_a_missing_tag_is_an_error()
    {
        var run = await NewRunAsync();
        await Store.SetTagAsync(run.Info.RunId, new Tag("t", "1"));
        await Store.SetTagAsync(run.Info.RunId, new Tag("t", "2"));
        Assert.Contains(new Tag("t", "2"), (await Store.GetRunAsync(run.Info.RunId)).Data.Tags);

        await Store.DeleteTagAsync(run.Info.RunId, "t");
        Assert.DoesNotContain((await Store.GetRunAsync(run.Info.RunId)).Data.Tags, t => t.Key == "t");
        var error = await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.DeleteTagAsync(run.Info.RunId, "t"));
        Assert.Equal($"No tag with name: t in run with id {run.Info.RunId}", error.Message);
    }

    [Fact]
    public async Task LogInputs_stores_each_dataset_once_with_its_tags()
    {
        var run = await NewRunAsync();
        var dataset = new Dataset("iris", "abc123", "local", "{\"uri\": \"/data/iris.csv\"}", "{\"cols\": []}", null);
        var input = new DatasetInput([new Tag("mlflow.data.context", "training")], dataset);

        await Store.LogInputsAsync(run.Info.RunId, [input, input]);
        await Store.LogInputsAsync(run.Info.RunId, [input]);

        var stored = (await Store.GetRunAsync(run.Info.RunId)).Inputs.DatasetInputs;
        var only = Assert.Single(stored);
        Assert.Equal(dataset, only.Dataset);
        Assert.Equal([new Tag("mlflow.data.context", "training")], only.Tags);
    }
}
