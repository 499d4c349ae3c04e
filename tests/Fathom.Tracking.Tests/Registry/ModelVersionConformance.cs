using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Entities.Registry;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Tests.Stores;

namespace Fathom.Tracking.Tests.Registry;

public sealed class SqliteModelVersionTests : ModelVersionConformance<SqliteTarget>;

public sealed class PostgresModelVersionTests : ModelVersionConformance<PostgresTarget>;

/// <summary>Model version behaviour every registry store must show: numbering, stages, tags, deletion, lineage.</summary>
public abstract class ModelVersionConformance<TTarget> : RegistryTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    [Fact]
    public async Task CreateModelVersion_numbers_versions_from_1_and_records_lineage()
    {
        await NewModelAsync("m");

        var first = await Registry.CreateModelVersionAsync(new NewModelVersion(
            "m", "mlflow-artifacts:/1/abc/artifacts/model", "abc", [new Tag("k", "v")], "http://link", "first one"));
        var second = await NewVersionAsync("m", "def");

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal("mlflow-artifacts:/1/abc/artifacts/model", first.Source);
        Assert.Equal(("abc", "http://link", "first one"), (first.RunId, first.RunLink, first.Description));
        Assert.Equal((ModelStages.None, ModelVersionStatus.READY), (first.CurrentStage, first.Status));
        Assert.Equal([new Tag("k", "v")], first.Tags);
        Assert.Equal(first, (await Registry.GetModelVersionAsync("m", "1")) with { Tags = first.Tags, Aliases = first.Aliases });
    }

    [Fact]
    public async Task CreateModelVersion_for_an_unknown_model_is_RESOURCE_DOES_NOT_EXIST()
    {
        var error = await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => NewVersionAsync("ghost"));
        Assert.Equal("Registered Model with name=ghost not found", error.Message);
    }

    [Fact]
    public async Task Version_numbers_are_never_reused_after_a_delete()
    {
        await NewModelAsync("m");
        await NewVersionAsync("m");
        await NewVersionAsync("m");

        await Registry.DeleteModelVersionAsync("m", "2");

        Assert.Equal(3, (await NewVersionAsync("m")).Version);
        var error = await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.GetModelVersionAsync("m", "2"));
        Assert.Equal("Model Version (name=m, version=2) not found", error.Message);
    }

    [Fact]
    public async Task Concurrent_creators_get_distinct_consecutive_numbers()
    {
        await NewModelAsync("busy");

        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => NewVersionAsync("busy"))));

        Assert.Equal(Enumerable.Range(1, 8), versions.Select(v => v.Version).Order());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.0")]
    [InlineData("")]
    public async Task A_version_that_is_not_an_integer_is_INVALID_PARAMETER_VALUE(string version)
    {
        await NewModelAsync("m");

        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.GetModelVersionAsync("m", version));
        Assert.Equal($"Model version must be an integer, got '{version}'", error.Message);
    }

    [Theory]
    [InlineData(" 1 ")]
    [InlineData("+1")]
    [InlineData("0_1")]
    public async Task A_version_is_read_as_Python_reads_an_integer(string version)
    {
        await NewModelAsync("m");
        await NewVersionAsync("m");

        Assert.Equal(1, (await Registry.GetModelVersionAsync("m", version)).Version);
    }

    [Fact]
    public async Task UpdateModelVersion_sets_the_description_and_an_unknown_version_is_not_found()
    {
        await NewModelAsync("m");
        await NewVersionAsync("m");

        Assert.Equal("better", (await Registry.UpdateModelVersionAsync("m", "1", "better")).Description);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.UpdateModelVersionAsync("m", "7", "x"));
    }

    [Fact]
    public async Task TransitionStage_with_archive_existing_archives_the_others_in_that_stage_only()
    {
        await NewModelAsync("m");
        for (var i = 0; i < 4; i++)
        {
            await NewVersionAsync("m");
        }

        await Registry.TransitionModelVersionStageAsync("m", "1", "Production", false);
        await Registry.TransitionModelVersionStageAsync("m", "2", "Production", false);
        await Registry.TransitionModelVersionStageAsync("m", "3", "Staging", false);

        var promoted = await Registry.TransitionModelVersionStageAsync("m", "4", "production", archiveExistingVersions: true);

        Assert.Equal(ModelStages.Production, promoted.CurrentStage);
        var stages = new List<string>();
        foreach (var v in new[] { "1", "2", "3" })
        {
            stages.Add((await Registry.GetModelVersionAsync("m", v)).CurrentStage);
        }

        Assert.Equal([ModelStages.Archived, ModelStages.Archived, ModelStages.Staging], stages);
    }

    [Fact]
    public async Task TransitionStage_rejects_unknown_stages_and_archiving_into_an_inactive_stage()
    {
        await NewModelAsync("m");
        await NewVersionAsync("m");

        var bad = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.TransitionModelVersionStageAsync("m", "1", "Live", false));
        Assert.StartsWith("Invalid Model Version stage: Live.", bad.Message);
        var archive = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Registry.TransitionModelVersionStageAsync("m", "1", "Archived", true));
        Assert.Contains("is not an Active stage", archive.Message);
        Assert.Equal(ModelStages.None, (await Registry.GetModelVersionAsync("m", "1")).CurrentStage);
    }

    [Fact]
    public async Task Model_version_tags_are_set_overwritten_and_deleted()
    {
        await NewModelAsync("m");
        await NewVersionAsync("m");

        await Registry.SetModelVersionTagAsync("m", "1", new Tag("k", "1"));
        await Registry.SetModelVersionTagAsync("m", "1", new Tag("k", "2"));
        await Registry.SetModelVersionTagAsync("m", "1", new Tag("x", "y"));
        await Registry.DeleteModelVersionTagAsync("m", "1", "x");
        await Registry.DeleteModelVersionTagAsync("m", "1", "never-set");

        Assert.Equal([new Tag("k", "2")], (await Registry.GetModelVersionAsync("m", "1")).Tags);
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.SetModelVersionTagAsync("m", "9", new Tag("k", "v")));
    }

    [Fact]
    public async Task Deleting_a_version_removes_its_aliases_and_hides_it_from_lineage()
    {
        await NewModelAsync("m");
        await NewVersionAsync("m", "run-a");
        await Registry.SetRegisteredModelAliasAsync("m", "champion", "1");

        await Registry.DeleteModelVersionAsync("m", "1");

        Assert.Empty((await Registry.GetRegisteredModelAsync("m")).Aliases);
        Assert.Empty(await Registry.GetModelVersionsForRunAsync("run-a"));
        await ThrowsFathom(ErrorCode.RESOURCE_DOES_NOT_EXIST, () => Registry.DeleteModelVersionAsync("m", "1"));
    }

    [Fact]
    public async Task The_download_uri_is_the_source_or_what_a_models_source_names()
    {
        await NewModelAsync("m");
        await NewModelAsync("copy");
        await NewVersionAsync("m", source: "s3://bucket/models/m1");

        var copy = await Registry.CreateModelVersionAsync(new NewModelVersion("copy", "models:/m/1"));

        Assert.Equal("s3://bucket/models/m1", await Registry.GetModelVersionDownloadUriAsync("m", "1"));
        Assert.Equal("models:/m/1", copy.Source);
        Assert.Equal("s3://bucket/models/m1", await Registry.GetModelVersionDownloadUriAsync("copy", "1"));
        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.CreateModelVersionAsync(new NewModelVersion("copy", "models:/m/9")));
    }

    [Fact]
    public async Task A_run_lists_the_versions_made_from_it()
    {
        await NewModelAsync("a");
        await NewModelAsync("b");
        await NewVersionAsync("a", "run-1");
        await NewVersionAsync("a", "run-2");
        await NewVersionAsync("b", "run-1");
        await Registry.SetRegisteredModelAliasAsync("b", "champion", "1");

        var versions = await Registry.GetModelVersionsForRunAsync("run-1");

        Assert.Equal([("a", 1), ("b", 1)], versions.Select(v => (v.Name, v.Version)).Order());
        Assert.Equal(["champion"], versions.Single(v => v.Name == "b").Aliases);
    }
}
