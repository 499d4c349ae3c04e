using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Entities.Registry;
using Fathom.Tracking.Tests.Stores;

namespace Fathom.Tracking.Tests.Registry;

public sealed class SqliteRegisteredModelTests : RegisteredModelConformance<SqliteTarget>;

public sealed class PostgresRegisteredModelTests : RegisteredModelConformance<PostgresTarget>;

/// <summary>Registered model behaviour every registry store must show (MLflow's model registry SqlAlchemyStore).</summary>
public abstract class RegisteredModelConformance<TTarget> : RegistryTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task CreateRegisteredModel_returns_the_model_with_tags_and_description()
    {
        var created = await Registry.CreateRegisteredModelAsync("churn", [new Tag("team", "a"), new Tag("team", "b")], "predicts churn");

        var fetched = await Registry.GetRegisteredModelAsync("churn");
        Assert.Equal(created, fetched with { LatestVersions = created.LatestVersions, Tags = created.Tags, Aliases = created.Aliases });
        Assert.Equal("predicts churn", fetched.Description);
        Assert.Equal([new Tag("team", "b")], fetched.Tags);
        Assert.True(fetched.CreationTimestamp > 0);
        Assert.Equal(fetched.CreationTimestamp, fetched.LastUpdatedTimestamp);
        Assert.Empty(fetched.LatestVersions);
    }

    [Fact]
    public async Task CreateRegisteredModel_twice_is_RESOURCE_ALREADY_EXISTS()
    {
        await NewModelAsync("dup");

        var error = await ThrowsFathom(ErrorCode.RESOURCE_ALREADY_EXISTS, () => NewModelAsync("dup"));
        Assert.StartsWith("Registered Model (name=dup) already exists.", error.Message);
    }

    [Fact]
    public async Task CreateRegisteredModel_rejects_an_empty_name_and_bad_tags()
    {
        var empty = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => NewModelAsync(""));
        Assert.Equal("Registered model name cannot be empty.", empty.Message);
        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Registry.CreateRegisteredModelAsync("m", [new Tag("../up", "v")], null));
        var longValue = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Registry.CreateRegisteredModelAsync("m", [new Tag("k", new string('x', 5001))], null));
        Assert.Contains("exceeded length limit of 5000", longValue.Message);
    }

    [Fact]
    public async Task GetRegisteredModel_of_an_unknown_name_is_RESOURCE_DOES_NOT_EXIST()
    {
        var error = await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.GetRegisteredModelAsync("nope"));
        Assert.Equal("Registered Model with name=nope not found", error.Message);
    }

    [Fact]
    public async Task UpdateRegisteredModel_sets_the_description()
    {
        await NewModelAsync("m");

        var updated = await Registry.UpdateRegisteredModelAsync("m", "new words");

        Assert.Equal("new words", updated.Description);
        Assert.Equal("new words", (await Registry.GetRegisteredModelAsync("m")).Description);
    }

    [Fact]
    public async Task RenameRegisteredModel_moves_versions_tags_and_aliases_to_the_new_name()
    {
        await Registry.CreateRegisteredModelAsync("old", [new Tag("k", "v")], null);
        await NewVersionAsync("old");
        await Registry.SetModelVersionTagAsync("old", "1", new Tag("vt", "1"));
        await Registry.SetRegisteredModelAliasAsync("old", "champion", "1");

        var renamed = await Registry.RenameRegisteredModelAsync("old", "new");

        Assert.Equal("new", renamed.Name);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.GetRegisteredModelAsync("old"));
        var version = await Registry.GetModelVersionAsync("new", "1");
        Assert.Equal([new Tag("vt", "1")], version.Tags);
        Assert.Equal(["champion"], version.Aliases);
        Assert.Equal([new Tag("k", "v")], renamed.Tags);
        Assert.Equal("1", (await Registry.GetModelVersionByAliasAsync("new", "champion")).Version.ToString());
    }

    [Fact]
    public async Task RenameRegisteredModel_onto_an_existing_name_is_RESOURCE_ALREADY_EXISTS()
    {
        await NewModelAsync("a");
        await NewModelAsync("b");

        await ThrowsFathom(ErrorCode.RESOURCE_ALREADY_EXISTS, () => Registry.RenameRegisteredModelAsync("a", "b"));
        Assert.Equal("a", (await Registry.GetRegisteredModelAsync("a")).Name);
    }

    [Fact]
    public async Task DeleteRegisteredModel_deletes_its_versions_tags_and_aliases()
    {
        await Registry.CreateRegisteredModelAsync("gone", [new Tag("k", "v")], null);
        await NewVersionAsync("gone", "run1");
        await Registry.SetRegisteredModelAliasAsync("gone", "champion", "1");

        await Registry.DeleteRegisteredModelAsync("gone");

        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.GetRegisteredModelAsync("gone"));
        Assert.Empty(await Registry.GetModelVersionsForRunAsync("run1"));
        var again = await NewModelAsync("gone");
        Assert.Empty(again.Tags);
        Assert.Empty(again.Aliases);
        Assert.Equal(1, (await NewVersionAsync("gone")).Version);
    }

    [Fact]
    public async Task Registered_model_tags_are_set_overwritten_and_deleted()
    {
        await NewModelAsync("m");

        await Registry.SetRegisteredModelTagAsync("m", new Tag("k", "1"));
        await Registry.SetRegisteredModelTagAsync("m", new Tag("k", "2"));
        await Registry.SetRegisteredModelTagAsync("m", new Tag("other", "x"));
        await Registry.DeleteRegisteredModelTagAsync("m", "other");
        await Registry.DeleteRegisteredModelTagAsync("m", "never-set");

        Assert.Equal([new Tag("k", "2")], (await Registry.GetRegisteredModelAsync("m")).Tags);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.SetRegisteredModelTagAsync("nope", new Tag("k", "v")));
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.DeleteRegisteredModelTagAsync("nope", "k"));
    }

    [Fact]
    public async Task Latest_versions_hold_the_newest_version_of_each_stage()
    {
        await NewModelAsync("m");
        for (var i = 0; i < 5; i++)
        {
            await NewVersionAsync("m");
        }

        await Registry.TransitionModelVersionStageAsync("m", "2", "Production", false);
        await Registry.TransitionModelVersionStageAsync("m", "3", "staging", false);
        await Registry.TransitionModelVersionStageAsync("m", "4", "Production", false);
        await Registry.DeleteModelVersionAsync("m", "5");

        var model = await Registry.GetRegisteredModelAsync("m");
        Assert.Equal([("None", 1), ("Production", 4), ("Staging", 3)], model.LatestVersions.Select(v => (v.CurrentStage, v.Version)));
        var production = await Registry.GetLatestVersionsAsync("m", ["production"]);
        Assert.Equal(4, Assert.Single(production).Version);
        Assert.Equal(3, (await Registry.GetLatestVersionsAsync("m", null)).Count);
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.GetLatestVersionsAsync("m", ["Live"]));
        Assert.Equal("Invalid Model Version stage: Live. Value must be one of None, Staging, Production, Archived.", error.Message);
    }

    [Fact]
    public async Task Creating_a_version_updates_the_models_last_updated_timestamp()
    {
        var model = await NewModelAsync("m");
        await Task.Delay(5);

        await NewVersionAsync("m");

        Assert.True((await Registry.GetRegisteredModelAsync("m")).LastUpdatedTimestamp > model.LastUpdatedTimestamp);
    }
}
