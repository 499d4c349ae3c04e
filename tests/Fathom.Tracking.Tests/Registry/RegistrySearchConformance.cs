using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Tests.Stores;

namespace Fathom.Tracking.Tests.Registry;

public sealed class SqliteRegistrySearchTests : RegistrySearchConformance<SqliteTarget>;

public sealed class PostgresRegistrySearchTests : RegistrySearchConformance<PostgresTarget>;

/// <summary>registered-models/search and model-versions/search: MLflow's filter grammar, ordering and paging.</summary>
public abstract class RegistrySearchConformance<TTarget> : RegistryTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    private async Task<List<string>> ModelNamesAsync(string? filter, params string[] orderBy) =>
        [.. (await Registry.SearchRegisteredModelsAsync(new RegisteredModelSearch(filter, OrderBy: orderBy))).Items.Select(m => m.Name)];

    private async Task<List<(string, int)>> VersionsAsync(string? filter, params string[] orderBy) =>
        [.. (await Registry.SearchModelVersionsAsync(new ModelVersionSearch(filter, OrderBy: orderBy))).Items.Select(v => (v.Name, v.Version))];

    private async Task SeedModelsAsync()
    {
        await Registry.CreateRegisteredModelAsync("Churn", [new Tag("team", "growth")], null);
        await Registry.CreateRegisteredModelAsync("churn-v2", [new Tag("team", "growth"), new Tag("tier", "gold")], null);
        await Registry.CreateRegisteredModelAsync("fraud", [new Tag("team", "risk")], null);
    }

    [Fact]
    public async Task Models_filter_on_name_with_equals_LIKE_and_case_insensitive_ILIKE()
    {
        await SeedModelsAsync();

        Assert.Equal(["fraud"], await ModelNamesAsync("name = 'fraud'"));
        Assert.Equal(["churn-v2", "fraud"], await ModelNamesAsync("name != 'Churn'"));
        Assert.Equal(["churn-v2"], await ModelNamesAsync("name LIKE 'churn%'"));
        Assert.Equal(["Churn", "churn-v2"], await ModelNamesAsync("name ILIKE 'churn%'"));
        Assert.Equal(["Churn", "churn-v2", "fraud"], await ModelNamesAsync(null));
    }

    [Fact]
    public async Task Models_filter_on_tags_with_every_condition_on_one_key_holding_for_that_tag()
    {
        await SeedModelsAsync();

        Assert.Equal(["Churn", "churn-v2"], await ModelNamesAsync("tags.team = 'growth'"));
        Assert.Equal(["churn-v2"], await ModelNamesAsync("tags.team = 'growth' AND tags.`tier` = 'gold'"));
        Assert.Equal(["fraud"], await ModelNamesAsync("tag.team LIKE 'r%' AND name ILIKE 'FR%'"));
        Assert.Empty(await ModelNamesAsync("tags.team = 'growth' AND tags.team = 'risk'"));
    }

    [Fact]
    public async Task Models_order_by_name_or_last_update_and_page_with_tokens()
    {
        await SeedModelsAsync();
        await Registry.UpdateRegisteredModelAsync("Churn", "touched last");

        Assert.Equal(["fraud", "churn-v2", "Churn"], await ModelNamesAsync(null, "name DESC"));
        Assert.Equal("Churn", (await ModelNamesAsync(null, "timestamp DESC"))[0]);
        var first = await Registry.SearchRegisteredModelsAsync(new RegisteredModelSearch(MaxResults: 2));
        var second = await Registry.SearchRegisteredModelsAsync(new RegisteredModelSearch(MaxResults: 2, PageToken: first.NextPageToken));
        Assert.Equal(["Churn", "churn-v2"], first.Items.Select(m => m.Name));
        Assert.Equal(["fraud"], second.Items.Select(m => m.Name));
        Assert.Null(second.NextPageToken);
    }

    [Theory]
    [InlineData("name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values.")]
    [InlineData("description = 'x'", "Invalid attribute key 'description' specified. Valid keys are '{'name'}'")]
    [InlineData("name > 'a'", "Invalid comparator for attribute: >")]
    [InlineData("tags.k > 'a'", "Invalid comparator for tag: >")]
    [InlineData("name = 'a' OR name = 'b'", "Invalid clause(s) in filter string: OR")]
    [InlineData("name = 3", "Expected a quoted string value or a list of quoted string values for attributes. Got value 3")]
    [InlineData("run.name = 'a'", "Invalid entity type 'run'. Valid entity types are ('attribute', 'tag', 'tags')")]
    public async Task Bad_model_filters_are_INVALID_PARAMETER_VALUE_with_MLflows_message(string filter, string message)
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => ModelNamesAsync(filter));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("creation_timestamp", "Invalid order by key 'creation_timestamp' specified. Valid keys are '{'name', 'timestamp'}'")]
    [InlineData("name, name", "Invalid order_by clause 'name, name'. Could not be parsed.")]
    public async Task Bad_model_order_by_is_INVALID_PARAMETER_VALUE(string orderBy, string message)
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => ModelNamesAsync(null, orderBy));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Model_search_limits_max_results_to_1000_and_order_by_to_distinct_fields()
    {
        var tooMany = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE,
            () => Registry.SearchRegisteredModelsAsync(new RegisteredModelSearch(MaxResults: 1001)));
        Assert.Equal("Invalid value for request parameter max_results. It must be at most 1000, but got value 1001", tooMany.Message);
        var duplicate = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => ModelNamesAsync(null, "timestamp", "last_updated_timestamp DESC"));
        Assert.Equal("`order_by` contains duplicate fields: ['timestamp', 'last_updated_timestamp DESC']", duplicate.Message);
    }

    private async Task SeedVersionsAsync()
    {
        await NewModelAsync("a");
        await NewModelAsync("b");
        await NewVersionAsync("a", "r1", "s3://bucket/a/1");
        await NewVersionAsync("a", "r2", "s3://bucket/a/2");
        await NewVersionAsync("a", "r2", "s3://bucket/a/3");
        await NewVersionAsync("b", "r1", "s3://other/b/1");
        await Registry.SetModelVersionTagAsync("a", "2", new Tag("validated", "yes"));
        await Registry.DeleteModelVersionAsync("a", "3");
    }

    [Fact]
    public async Task Versions_filter_on_name_run_id_source_path_version_number_and_tags()
    {
        await SeedVersionsAsync();

        Assert.Equal([("a", 1), ("a", 2)], (await VersionsAsync("name = 'a'", "version_number ASC")));
        Assert.Equal([("a", 1), ("b", 1)], (await VersionsAsync("run_id = 'r1'", "name")));
        Assert.Equal([("a", 1), ("a", 2), ("b", 1)], (await VersionsAsync("run_id IN ('r1', 'r2')", "name", "version_number")));
        Assert.Equal([("b", 1)], await VersionsAsync("source_path LIKE 's3://other/%'"));
        Assert.Equal([("a", 2)], await VersionsAsync("name = 'a' AND version_number > 1"));
        Assert.Equal([("a", 2)], await VersionsAsync("version_number = '2'"));
        Assert.Equal([("a", 2)], await VersionsAsync("tags.validated = 'yes'"));
    }

    [Fact]
    public async Task Versions_default_order_is_last_updated_descending_and_deleted_versions_never_show()
    {
        await SeedVersionsAsync();
        await Task.Delay(5);
        await Registry.UpdateModelVersionAsync("a", "1", "touched");

        var versions = await VersionsAsync(null);

        Assert.Equal(("a", 1), versions[0]);
        Assert.Equal(3, versions.Count);
        Assert.Empty(await VersionsAsync("name = 'a' AND version_number = 3"));
    }

    [Fact]
    public async Task Versions_page_through_with_tokens()
    {
        await SeedVersionsAsync();

        var first = await Registry.SearchModelVersionsAsync(new ModelVersionSearch(MaxResults: 2, OrderBy: ["name", "version_number"]));
        var second = await Registry.SearchModelVersionsAsync(new ModelVersionSearch(MaxResults: 2, OrderBy: ["name", "version_number"], PageToken: first.NextPageToken));

        Assert.Equal([("a", 1), ("a", 2)], first.Items.Select(v => (v.Name, v.Version)));
        Assert.Equal([("b", 1)], second.Items.Select(v => (v.Name, v.Version)));
        Assert.Null(second.NextPageToken);
    }

    [Theory]
    [InlineData("run_id NOT IN ('a')", "Invalid comparator for attribute: NOT IN")]
    [InlineData("name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values.")]
    [InlineData("version_number LIKE '1'", "Invalid comparator for attribute version_number: LIKE")]
    [InlineData("run_id = 3", "Only the '{'creation_timestamp', 'last_updated_timestamp', 'version_number'}' attributes support comparison with numeric values.")]
    [InlineData("version_number = 'two'", "Expected a numeric value for attribute version_number. Got value 'two'")]
    [InlineData("stage = 'None'", "Invalid attribute key 'stage' specified. Valid keys are '{'name', 'run_id', 'source_path', 'version_number'}'")]
    public async Task Bad_version_filters_are_INVALID_PARAMETER_VALUE_with_MLflows_message(string filter, string message)
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => VersionsAsync(filter));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Version_search_rejects_bad_max_results_order_by_and_page_tokens()
    {
        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.SearchModelVersionsAsync(new ModelVersionSearch(MaxResults: 0)));
        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.SearchModelVersionsAsync(new ModelVersionSearch(MaxResults: 200_001)));
        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => VersionsAsync(null, "stage"));
        await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => Registry.SearchModelVersionsAsync(new ModelVersionSearch(PageToken: "%%%")));
    }
}
