using Fathom.Core.Errors;
using Fathom.Tracking.Entities;
using Fathom.Tracking.Stores;
using Fathom.Tracking.Tests.Stores;

namespace Fathom.Tracking.Tests.Search;

public sealed class SqliteExperimentSearchTests : ExperimentSearchConformance<SqliteTarget>;

public sealed class PostgresExperimentSearchTests : ExperimentSearchConformance<PostgresTarget>;

/// <summary>MLflow's experiment search grammar through a real store on both backends.</summary>
public abstract class ExperimentSearchConformance<TTarget> : StoreTestBase<TTarget> where TTarget : IStoreTarget, new()
{
    private async Task<List<string>> NamesAsync(string? filter, params string[] orderBy) =>
        [.. (await Store.SearchExperimentsAsync(new ExperimentSearch(Filter: filter, OrderBy: orderBy))).Items.Select(e => e.Name)];

    private async Task CreateAsync(string name, params Tag[] tags) => await Store.CreateExperimentAsync(name, null, tags);

    [Fact]
    public async Task Names_filter_with_case_sensitive_LIKE_and_insensitive_ILIKE()
    {
        await CreateAsync("Churn");
        await CreateAsync("churn-v2");
        await CreateAsync("pricing");

        Assert.Equal(["churn-v2"], await NamesAsync("name LIKE 'churn%'"));
        Assert.Equal(["Churn", "churn-v2"], await NamesAsync("name ILIKE 'CHURN%'", "name"));
        Assert.Equal(["pricing"], await NamesAsync("name = 'pricing'"));
        Assert.DoesNotContain("pricing", await NamesAsync("name != 'pricing'"));
    }

    [Fact]
    public async Task Tags_filter_experiments_by_key_and_value()
    {
        await CreateAsync("growth", new Tag("team", "growth"));
        await CreateAsync("risk", new Tag("team", "risk"), new Tag("tier", "gold"));
        await CreateAsync("untagged");

        Assert.Equal(["risk"], await NamesAsync("tags.team = 'risk' AND tags.tier LIKE 'go%'"));
        Assert.Equal(["growth", "risk"], await NamesAsync("tags.team != 'sales'", "name"));
    }

    [Fact]
    public async Task Creation_time_filters_numerically()
    {
        await CreateAsync("new");
        var all = await NamesAsync("creation_time > 0 AND last_update_time > 0", "name");
        Assert.Contains("new", all);
        Assert.Contains("Default", all);
        Assert.Empty(await NamesAsync("creation_time < 0"));
    }

    [Fact]
    public async Task Order_by_name_in_either_direction_and_by_id()
    {
        await CreateAsync("b");
        await CreateAsync("a");

        Assert.Equal(["Default", "a", "b"], (await NamesAsync(null, "name")).Order(StringComparer.Ordinal));
        Assert.Equal(["b", "a"], (await NamesAsync("name != 'Default'", "name DESC")));
        Assert.Equal(["Default", "b", "a"], await NamesAsync(null, "experiment_id"));
    }

    [Fact]
    public async Task A_bad_experiment_filter_is_an_invalid_parameter()
    {
        var error = await ThrowsFathom(ErrorCode.INVALID_PARAMETER_VALUE, () => NamesAsync("metrics.acc > 1"));
        Assert.Equal("Invalid entity type 'metrics'. Valid entity types are ('attribute', 'tag', 'tags')", error.Message);
    }
}
