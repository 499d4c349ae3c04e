using Fathom.Tracking.Search;

namespace Fathom.Tracking.Tests.Search;

public sealed class OrderByParserTests
{
    private static OrderByClause Single(string orderBy) => Assert.Single(RunOrderByParser.Parse([orderBy]));

    private static string Rejects(params string[] orderBy) => SearchAssert.Rejects(() => RunOrderByParser.Parse(orderBy));

    [Theory]
    [InlineData("metrics.acc DESC", "Metric", "acc", false)]
    [InlineData("metrics.acc desc", "Metric", "acc", false)]
    [InlineData("params.lr", "Param", "lr", true)]
    [InlineData("tags.x ASC", "Tag", "x", true)]
    [InlineData("attributes.start_time", "Attribute", "start_time", true)]
    [InlineData("created DESC", "Attribute", "start_time", false)]
    [InlineData("run_name", "Attribute", "run_name", true)]
    [InlineData("attribute.run_id DESC", "Attribute", "run_id", false)]
    [InlineData("metrics.`my metric` DESC", "Metric", "my metric", false)]
    [InlineData("metrics.\"my metric\"", "Metric", "my metric", true)]
    [InlineData("`metrics`.acc", "Metric", "acc", true)]
    [InlineData("  tags.mlflow.runName   DESC ", "Tag", "mlflow.runName", false)]
    public void An_order_by_names_a_key_and_a_direction(string orderBy, string entity, string key, bool ascending) =>
        Assert.Equal(new OrderByClause(Enum.Parse<SearchEntity>(entity), key, ascending), Single(orderBy));

    [Fact]
    public void No_order_by_means_no_clauses() => Assert.Empty(RunOrderByParser.Parse(null));

    [Theory]
    [InlineData("")]
    [InlineData("metrics.acc DESC ASC")]
    [InlineData("'metrics.acc'")]
    [InlineData("metrics.acc > 1")]
    [InlineData("metrics.acc, params.b")]
    [InlineData("DESC")]
    public void An_unreadable_order_by_could_not_be_parsed(string orderBy) =>
        Assert.Equal($"Invalid order_by clause '{orderBy}'. Could not be parsed.", Rejects(orderBy));

    [Fact]
    public void A_word_other_than_ASC_or_DESC_is_an_invalid_ordering_key() =>
        Assert.Equal("Invalid ordering key in order_by clause 'metrics.acc sideways'.", Rejects("metrics.acc sideways"));

    [Fact]
    public void Datasets_cannot_order() => Assert.Equal("Invalid identifier type 'dataset'", Rejects("datasets.name"));

    [Fact]
    public void An_unknown_attribute_lists_the_orderable_ones() =>
        Assert.Equal(
            "Invalid attribute key 'run name' specified. Valid keys are '{'Created', 'artifact_uri', 'created', 'end_time', "
            + "'run_id', 'run_name', 'start_time', 'status', 'user_id'}'",
            Rejects("`run name`"));

    [Fact]
    public void The_same_key_twice_is_refused() =>
        Assert.Equal("`order_by` contains duplicate fields: ['metrics.acc', 'metrics.acc DESC']", Rejects("metrics.acc", "metrics.acc DESC"));

    [Fact]
    public void An_alias_and_its_attribute_are_the_same_key() =>
        Assert.StartsWith("`order_by` contains duplicate fields", Rejects("created", "start_time DESC"));
}
