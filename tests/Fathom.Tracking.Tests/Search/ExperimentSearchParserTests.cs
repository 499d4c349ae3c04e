using Fathom.Tracking.Search;

namespace Fathom.Tracking.Tests.Search;

public sealed class ExperimentSearchParserTests
{
    private static string RejectsFilter(string filter) => SearchAssert.Rejects(() => ExperimentFilterParser.Parse(filter));

    [Theory]
    [InlineData("name = 'a'", "Attribute", "name", "=")]
    [InlineData("attribute.name LIKE 'a%'", "Attribute", "name", "LIKE")]
    [InlineData("name ilike 'A%'", "Attribute", "name", "ILIKE")]
    [InlineData("creation_time > 5", "Attribute", "creation_time", ">")]
    [InlineData("last_update_time <= 5", "Attribute", "last_update_time", "<=")]
    [InlineData("tags.team = 'x'", "Tag", "team", "=")]
    [InlineData("tag.`my key` != 'x'", "Tag", "my key", "!=")]
    public void Experiments_filter_on_name_times_and_tags(string filter, string entity, string key, string comparator)
    {
        var clause = Assert.Single(ExperimentFilterParser.Parse(filter));
        Assert.Equal((entity, key, comparator), (clause.Entity.ToString(), clause.Key, clause.Comparator));
    }

    [Theory]
    [InlineData("metrics.acc > 1", "Invalid entity type 'metrics'. Valid entity types are ('attribute', 'tag', 'tags')")]
    [InlineData("attributes.name = 'a'", "Invalid entity type 'attributes'. Valid entity types are ('attribute', 'tag', 'tags')")]
    [InlineData("experiment_id = '1'", "Invalid attribute key 'experiment_id' specified. Valid keys are '{'creation_time', 'last_update_time', 'name'}'")]
    [InlineData("name IN ('a')", "Only the 'run_id' attribute supports comparison with a list of quoted string values.")]
    [InlineData("name > 'a'", "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'LIKE'}'")]
    [InlineData("creation_time LIKE 5", "Invalid comparator 'LIKE' not one of '{'!=', '<', '<=', '=', '>', '>='}'")]
    [InlineData("creation_time > 'x'", "Expected numeric value type for numeric attribute: creation_time. Found 'x'")]
    [InlineData("name = 5", "Expected a quoted string value for attributes. Got value 5")]
    [InlineData("tags.x > 'a'", "Invalid comparator for tag: >")]
    [InlineData("tags.x = 5", "Expected a quoted string value for tag (e.g. 'my-value'). Got value 5")]
    [InlineData("name = 'a' OR name = 'b'", "Invalid clause(s) in filter string: OR")]
    public void Experiment_filter_mistakes_are_refused_with_MLflows_message(string filter, string message) =>
        Assert.Equal(message, RejectsFilter(filter));

    [Fact]
    public void The_default_experiment_order_is_newest_first_then_id() =>
        Assert.Equal(
            [new OrderByClause(SearchEntity.Attribute, "creation_time", false), new OrderByClause(SearchEntity.Attribute, "experiment_id", true)],
            ExperimentOrderByParser.Parse(null));

    [Fact]
    public void An_order_without_experiment_id_gets_it_descending_as_tie_breaker() =>
        Assert.Equal(
            [new OrderByClause(SearchEntity.Attribute, "name", true), new OrderByClause(SearchEntity.Attribute, "experiment_id", false)],
            ExperimentOrderByParser.Parse(["name"]));

    [Theory]
    [InlineData("tags.x", "Invalid order_by entity: tag")]
    [InlineData("run_id", "Invalid attribute key 'run_id' specified. Valid keys are '{'creation_time', 'experiment_id', 'last_update_time', 'name'}'")]
    [InlineData("name sideways", "Invalid ordering key in order_by clause 'name sideways'.")]
    public void Experiment_order_by_mistakes_are_refused(string orderBy, string message) =>
        Assert.Equal(message, SearchAssert.Rejects(() => ExperimentOrderByParser.Parse([orderBy])));
}
