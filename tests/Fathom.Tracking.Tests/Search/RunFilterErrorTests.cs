using Fathom.Tracking.Search;

namespace Fathom.Tracking.Tests.Search;

public sealed class RunFilterErrorTests
{
    private static string Rejects(string filter) => SearchAssert.Rejects(() => RunFilterParser.Parse(filter));

    [Theory]
    [InlineData("metrics.acc > 0.5 OR metrics.acc < 0.1", "Invalid clause(s) in filter string: 'OR'")]
    [InlineData("metrics.acc > 0.5 or params.a = 'b'", "Invalid clause(s) in filter string: 'or'")]
    [InlineData("(metrics.acc > 0.5)", "Invalid clause(s) in filter string: '(metrics.acc > 0.5)'")]
    [InlineData("metrics.acc >", "Invalid clause(s) in filter string: 'metrics.acc', '>'")]
    [InlineData("metrics.acc > 1 + 2", "Invalid clause(s) in filter string: '+', '2'")]
    [InlineData("NOT metrics.acc > 1", "Invalid clause(s) in filter string: 'NOT'")]
    [InlineData("run_id IN 'a'", "Invalid clause(s) in filter string: 'run_id', 'IN', ''a''")]
    [InlineData("params.a NOT LIKE 'x'", "Invalid clause(s) in filter string: 'params.a', 'NOT', 'LIKE', ''x''")]
    [InlineData("metrics.acc > 1;", "Invalid clause(s) in filter string: ';'")]
    public void Anything_but_ANDed_comparisons_is_an_invalid_clause(string filter, string message) => Assert.Equal(message, Rejects(filter));

    [Fact]
    public void Two_statements_are_refused() =>
        Assert.Equal(
            "Search filter contained multiple expression 'metrics.a > 1; params.b = 'c''. Provide AND-ed expression list.",
            Rejects("metrics.a > 1; params.b = 'c'"));

    [Fact]
    public void An_unknown_prefix_lists_the_valid_ones() =>
        Assert.Equal("Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']", Rejects("foo.acc > 1"));

    [Fact]
    public void An_unknown_attribute_lists_the_searchable_ones() =>
        Assert.Equal(
            "Invalid attribute key 'acc' specified. Valid keys are '{'Created', 'Run Name', 'Run name', 'artifact_uri', 'created', "
            + "'end_time', 'run name', 'run_id', 'run_name', 'start_time', 'status', 'user_id'}'",
            Rejects("acc > 1"));

    [Fact]
    public void Lifecycle_stage_is_not_searchable_as_in_MLflow() =>
        Assert.StartsWith("Invalid attribute key 'lifecycle_stage' specified.", Rejects("attributes.lifecycle_stage = 'active'"));

    [Fact]
    public void An_unknown_dataset_key_lists_the_valid_ones() =>
        Assert.Equal("Invalid dataset key 'size' specified. Valid keys are '{'context', 'digest', 'name'}'", Rejects("datasets.size = 'x'"));

    [Theory]
    [InlineData("metrics.acc > 'x'", "Expected numeric value type for metric. Found 'x'")]
    [InlineData("metrics.acc > \"1\"", "Expected numeric value type for metric. Found \"1\"")]
    [InlineData("metrics.acc IN ('1')", "Expected numeric value type for metric. Found ('1')")]
    [InlineData("params.lr = 0.01", "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 0.01")]
    [InlineData("tags.t = 5", "Expected a quoted string value for tag (e.g. 'my-value'). Got value 5")]
    [InlineData("params.lr IN ('a')", "Expected a quoted string value for parameter (e.g. 'my-value'). Got value ('a')")]
    [InlineData("params.lr = abc", "Parameter value is either not quoted or unidentified quote types used for string value abc. Use either single or double quotes.")]
    [InlineData("start_time > 'x'", "Expected numeric value type for numeric attribute: start_time. Found 'x'")]
    [InlineData("created > 'x'", "Expected numeric value type for numeric attribute: created. Found 'x'")]
    [InlineData("status = 5", "Expected a quoted string value for attributes. Got value 5")]
    [InlineData("status IN ('FINISHED')", "Only the 'run_id' attribute supports comparison with a list of quoted string values.")]
    [InlineData("datasets.name = 5", "Expected a quoted string value for dataset attributes. Got value 5")]
    public void Values_of_the_wrong_type_are_refused(string filter, string message) => Assert.Equal(message, Rejects(filter));

    [Theory]
    [InlineData("run_id IN ()", "While parsing a list in the query, expected a non-empty list of string values, but got empty list")]
    [InlineData("run_id IN ('a', \"b\")", "While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ('a', \"b\")")]
    [InlineData("run_id IN ('a', 1)", "While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ('a', 1)")]
    [InlineData("run_id IN ('a' 'b')", "While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.")]
    [InlineData("run_id IN (,'a')", "While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.")]
    public void Malformed_lists_are_refused(string filter, string message) => Assert.Equal(message, Rejects(filter));

    [Theory]
    [InlineData("metrics.acc LIKE 1", "Invalid comparator 'LIKE' not one of '{'!=', '<', '<=', '=', '>', '>='}'")]
    [InlineData("metrics.acc == 1", "Invalid comparator '==' not one of '{'!=', '<', '<=', '=', '>', '>='}'")]
    [InlineData("params.a > 'x'", "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'LIKE'}'")]
    [InlineData("tags.a <> 'x'", "Invalid comparator '<>' not one of '{'!=', '=', 'ILIKE', 'LIKE'}'")]
    [InlineData("status > 'x'", "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}'")]
    [InlineData("start_time LIKE 5", "Invalid comparator 'LIKE' not one of '{'!=', '<', '<=', '=', '>', '>='}'")]
    [InlineData("datasets.name < 'x'", "Invalid comparator '<' not one of '{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}'")]
    public void Comparators_are_checked_against_the_kind_of_key(string filter, string message) => Assert.Equal(message, Rejects(filter));

    [Fact]
    public void A_list_needs_IN_or_NOT_IN() =>
        Assert.StartsWith("Invalid comparator '=' for a list of values", Rejects("run_id = ('a')"));

    [Theory]
    [InlineData("'a' = 'b'", "Invalid comparison clause. Expected 'Identifier' found ''a''")]
    [InlineData("1 = 1", "Invalid comparison clause. Expected 'Identifier' found '1'")]
    public void The_left_side_must_be_an_identifier(string filter, string message) => Assert.Equal(message, Rejects(filter));

    [Theory]
    [InlineData("params.a = 'unterminated", "quote (') at position 11 is never closed")]
    [InlineData("params.`a = 'x'", "quote (`) at position 7 is never closed")]
    [InlineData("run_id IN ('a'", "parenthesis at position 10 is never closed")]
    public void Unclosed_quotes_and_parentheses_say_where_they_start(string filter, string detail)
    {
        var message = Rejects(filter);
        Assert.StartsWith($"Error on parsing filter '{filter}'", message);
        Assert.Contains(detail, message);
    }
}
