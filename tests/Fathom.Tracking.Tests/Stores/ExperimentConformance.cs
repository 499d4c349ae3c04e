using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Stores;

public sealed class SqliteExperimentTests : ExperimentConformance<SqliteTarget>;

public sealed class PostgresExperimentTests : ExperimentConformance<PostgresTarget>;

/// <summary>Experiment behaviour every tracking store must show (MLflow's SqlAlchemyStore semantics).</summary>
public abstract class ExperimentConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task A_new_store_has_experiment_0_named_Default_under_the_artifact_root()
    {
        var experiment = await Store.GetExperimentAsync("0");

        Assert.Equal("Default", experiment.Name);
        Assert.Equal("mlflow-artifacts:/0", experiment.ArtifactLocation);
        Assert.Equal(LifecycleStage.Active, experiment.LifecycleStage);
    }

    [Fact]
    public async Task CreateExperiment_returns_a_new_id_with_artifact_location_under_the_root()
    {
        var id = await Store.CreateExperimentAsync("first", null, [new Tag("team", "vision")]);

        var experiment = await Store.GetExperimentAsync(id);
        Assert.Equal("first", experiment.Name);
        Assert.Equal($"mlflow-artifacts:/{id}", experiment.ArtifactLocation);
        Assert.Equal([new Tag("team", "vision")], experiment.Tags);
        Assert.True(experiment.CreationTime > 0);
        Assert.NotEqual("0", id);
    }

    [Fact]
    public async Task CreateExperiment_keeps_an_explicit_artifact_location()
    {
        var id = await Store.CreateExperimentAsync("explicit", "s3://bucket/place", []);

        Assert.Equal("s3://bucket/place", (await Store.GetExperimentAsync(id)).ArtifactLocation);
    }

    [Fact]
    public async Task CreateExperiment_with_a_taken_name_is_RESOURCE_ALREADY_EXISTS()
    {
        await Store.CreateExperimentAsync("dup", null, []);

        var error = await ThrowsFathom(ErrorCode.RESOURCE_ALREADY_EXISTS, () => Store.CreateExperimentAsync("dup", null, []));
        Assert.StartsWith("Experiment(name=dup) already exists.", error.Message);
    }

    [Fact]
    public async Task CreateExperiment_rejects_an_empty_name()
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Store.CreateExperimentAsync("", null, []));
        Assert.Equal("Invalid experiment name: ''", error.Message);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("not-a-number")]
    public async Task GetExperiment_with_an_unknown_id_is_RESOURCE_DOES_NOT_EXIST(string id)
    {
        var error = await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.GetExperimentAsync(id));
        Assert.Equal($"No Experiment with id={id} exists", error.Message);
    }

    [Fact]
    public async Task GetExperimentByName_finds_the_experiment_and_reports_an_unknown_name()
    {
        var id = await Store.CreateExperimentAsync("by-name", null, []);

        Assert.Equal(id, (await Store.GetExperimentByNameAsync("by-name")).ExperimentId);
        var error = await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.GetExperimentByNameAsync("nope"));
        Assert.Equal("Could not find experiment with name 'nope'", error.Message);
    }

    [Fact]
    public async Task RenameExperiment_changes_the_name_and_refuses_a_taken_one()
    {
        var id = await Store.CreateExperimentAsync("old", null, []);
        await Store.CreateExperimentAsync("taken", null, []);

        await Store.RenameExperimentAsync(id, "new");

        Assert.Equal("new", (await Store.GetExperimentAsync(id)).Name);
        await ThrowsFathom(ErrorCode.RESOURCE_ALREADY_EXISTS, () => Store.RenameExperimentAsync(id, "taken"));
    }

    [Fact]
    public async Task RenameExperiment_of_a_deleted_experiment_is_INVALID_STATE()
    {
        var id = await Store.CreateExperimentAsync("gone", null, []);
        await Store.DeleteExperimentAsync(id);

        var error = await ThrowsFathom(ErrorCode.INVALID_STATE, () => Store.RenameExperimentAsync(id, "back"));
        Assert.Equal("Cannot rename a non-active experiment.", error.Message);
    }

    [Fact]
    public async Task Delete_and_restore_of_an_experiment_carry_its_runs_along()
    {
        var id = await Store.CreateExperimentAsync("with-runs", null, []);
        var run = await NewRunAsync(id);

        await Store.DeleteExperimentAsync(id);
        Assert.Equal(LifecycleStage.Deleted, (await Store.GetExperimentAsync(id)).LifecycleStage);
        Assert.Equal(LifecycleStage.Deleted, (await Store.GetRunAsync(run.Info.RunId)).Info.LifecycleStage);

        await Store.RestoreExperimentAsync(id);
        Assert.Equal(LifecycleStage.Active, (await Store.GetExperimentAsync(id)).LifecycleStage);
        Assert.Equal(LifecycleStage.Active, (await Store.GetRunAsync(run.Info.RunId)).Info.LifecycleStage);
    }

    [Fact]
    public async Task Deleting_a_deleted_experiment_or_restoring_an_active_one_is_RESOURCE_DOES_NOT_EXIST()
    {
        var id = await Store.CreateExperimentAsync("twice", null, []);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.RestoreExperimentAsync(id));
        await Store.DeleteExperimentAsync(id);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.DeleteExperimentAsync(id));
    }

    [Fact]
    public async Task A_run_cannot_be_created_in_a_deleted_experiment()
    {
        var id = await Store.CreateExperimentAsync("closed", null, []);
        await Store.DeleteExperimentAsync(id);

        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => NewRunAsync(id));
        Assert.Equal($"The experiment {id} must be in the 'active' state. Current state is deleted.", error.Message);
    }

    [Fact]
    public async Task Experiment_tags_are_set_overwritten_and_deleted()
    {
        var id = await Store.CreateExperimentAsync("tagged", null, []);

        await Store.SetExperimentTagAsync(id, new Tag("k", "v1"));
        await Store.SetExperimentTagAsync(id, new Tag("k", "v2"));
        Assert.Equal([new Tag("k", "v2")], (await Store.GetExperimentAsync(id)).Tags);

        await Store.DeleteExperimentTagAsync(id, "k");
        Assert.Empty((await Store.GetExperimentAsync(id)).Tags);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Store.DeleteExperimentTagAsync(id, "k"));
    }

    [Fact]
    public async Task SearchExperiments_filters_by_view_type_newest_first()
    {
        var kept = await Store.CreateExperimentAsync("kept", null, []);
        var gone = await Store.CreateExperimentAsync("gone", null, []);
        await Store.DeleteExperimentAsync(gone);

        var active = await Store.SearchExperimentsAsync(new ExperimentSearch());
        var deleted = await Store.SearchExperimentsAsync(new ExperimentSearch(ViewType.DELETED_ONLY));
        var all = await Store.SearchExperimentsAsync(new ExperimentSearch(ViewType.ALL));

        Assert.Equal(["0", kept], active.Items.Select(e => e.ExperimentId).Order());
        Assert.Equal([gone], deleted.Items.Select(e => e.ExperimentId));
        Assert.Equal(3, all.Items.Count);
        Assert.Null(all.NextPageToken);
    }

    [Fact]
    public async Task SearchExperiments_pages_through_every_experiment_exactly_once()
    {
        for (var i = 0; i < 11; i++)
        {
            await Store.CreateExperimentAsync($"e{i}", null, [new Tag("i", i.ToString())]);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.SearchExperimentsAsync(new ExperimentSearch(MaxResults: 4, PageToken: token));
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(e => e.Name));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(12, seen.Count);
        Assert.Equal(12, seen.Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50001)]
    public async Task SearchExperiments_rejects_max_results_out_of_range(int maxResults)
    {
        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Store.SearchExperimentsAsync(new ExperimentSearch(MaxResults: maxResults)));
    }
}
