using Fathom.Tracking.Search;

namespace Fathom.Tracking.Tests.Search;

public sealed class RunFilterParserTests
{
    private static SearchClause Single(string filter) => Assert.Single(RunFilterParser.Parse(filter));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_filter_has_no_clauses(string? filter) => Assert.Empty(RunFilterParser.Parse(filter));

    [Fact]
    public void A_metric_comparison_keeps_key_comparator_and_number()
    {
        var clause = Single("metrics.acc > 0.5");
        Assert.Equal(new SearchClause(SearchEntity.Metric, "acc", ">", SearchValue.OfNumber(0.5, "0.5")), clause);
    }

    [Theory]
    [InlineData("metric.k > 1", "Metric")]
    [InlineData("metrics.k > 1", "Metric")]
    [InlineData("param.k = 'v'", "Param")]
    [InlineData("params.k = 'v'", "Param")]
    [InlineData("parameter.k = 'v'", "Param")]
    [InlineData("parameters.k = 'v'", "Param")]
    [InlineData("tag.k = 'v'", "Tag")]
    [InlineData("tags.k = 'v'", "Tag")]
    [InlineData("`tags`.k = 'v'", "Tag")]
    [InlineData("attribute.status = 'v'", "Attribute")]
    [InlineData("attributes.status = 'v'", "Attribute")]
    [InlineData("attr.status = 'v'", "Attribute")]
    [InlineData("run.status = 'v'", "Attribute")]
    [InlineData("status = 'v'", "Attribute")]
    [InlineData("dataset.name = 'v'", "Dataset")]
    [InlineData("datasets.digest = 'v'", "Dataset")]
    public void Every_MLflow_prefix_alias_names_its_entity(string filter, string entity) =>
        Assert.Equal(entity, Single(filter).Entity.ToString());

    [Theory]
    [InlineData("metrics.`my metric` > 1", "my metric")]
    [InlineData("metrics.\"my metric\" > 1", "my metric")]
    [InlineData("params.`lr-rate` = 'x'", "lr-rate")]
    [InlineData("tags.mlflow.runName = 'x'", "mlflow.runName")]
    [InlineData("tags.`mlflow.source.git.commit` = 'x'", "mlflow.source.git.commit")]
    [InlineData("metrics.\"a.b\" > 1", "a.b")]
    public void Quoted_backticked_and_dotted_keys_are_unwrapped(string filter, string key) => Assert.Equal(key, Single(filter).Key);

    [Theory]
    [InlineData("params.lr = '0.01'", "0.01")]
    [InlineData("params.lr = \"0.01\"", "0.01")]
    [InlineData("params.lr = ''", "")]
    [InlineData("tags.note = 'two words'", "two words")]
    [InlineData("tags.note = 'it''s'", "it''s")]
    public void String_values_may_use_single_or_double_quotes_and_keep_their_inside_as_written(string filter, string value) =>
        Assert.Equal(value, Single(filter).Value.Text);

    [Theory]
    [InlineData("-1", -1.0)]
    [InlineData("1e-3", 0.001)]
    [InlineData("2.5E+2", 250.0)]
    [InlineData(".5", 0.5)]
    [InlineData("-0.5", -0.5)]
    [InlineData("42", 42.0)]
    public void Numbers_may_be_negative_fractional_or_scientific(string literal, double expected) =>
        Assert.Equal(expected, Single($"metrics.loss < {literal}").Value.Number);

    [Theory]
    [InlineData("params.a like '%x%'", "LIKE")]
    [InlineData("params.a ILike '%x%'", "ILIKE")]
    [InlineData("params.a != 'x'", "!=")]
    [InlineData("metrics.a <= 1", "<=")]
    [InlineData("metrics.a >= 1", ">=")]
    [InlineData("run_id not in ('a')", "NOT IN")]
    [InlineData("run_id in ('a')", "IN")]
    public void Comparators_are_read_in_any_case(string filter, string comparator) => Assert.Equal(comparator, Single(filter).Comparator);

    [Fact]
    public void Clauses_are_joined_by_AND_in_any_case()
    {
        var clauses = RunFilterParser.Parse("metrics.acc > 0.5 and params.lr = '0.01' AND tags.t != 'x'");
        Assert.Equal(["acc", "lr", "t"], clauses.Select(c => c.Key));
    }

    [Fact]
    public void A_trailing_AND_is_tolerated_as_MLflow_tolerates_it() =>
        Assert.Single(RunFilterParser.Parse("metrics.acc > 0.5 AND"));

    [Theory]
    [InlineData("created > 5", "start_time")]
    [InlineData("Created > 5", "start_time")]
    [InlineData("\"run name\" = 'x'", "run_name")]
    [InlineData("attributes.`Run Name` = 'x'", "run_name")]
    [InlineData("attributes.run_name = 'x'", "run_name")]
    [InlineData("end_time < 5", "end_time")]
    [InlineData("artifact_uri LIKE '%x'", "artifact_uri")]
    [InlineData("user_id = 'me'", "user_id")]
    public void Attribute_aliases_become_their_run_columns(string filter, string key) => Assert.Equal(key, Single(filter).Key);

    [Fact]
    public void Run_ids_compare_with_a_list()
    {
        var clause = Single("attributes.run_id IN ('a1', 'b2',  'c3')");
        Assert.Equal(["a1", "b2", "c3"], clause.Value.List!);
    }

    [Fact]
    public void List_values_read_backslash_escapes() =>
        Assert.Equal(["it's"], Single(@"run_id IN ('it\'s')").Value.List!);

    [Theory]
    [InlineData("datasets.name IN ('a', 'b')")]
    [InlineData("datasets.context NOT IN ('train')")]
    [InlineData("datasets.digest LIKE 'ab%'")]
    public void Dataset_keys_accept_string_and_list_comparisons(string filter) => Assert.Equal(SearchEntity.Dataset, Single(filter).Entity);
}
