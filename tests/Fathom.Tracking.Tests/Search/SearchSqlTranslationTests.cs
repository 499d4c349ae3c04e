using Fathom.Tracking.Search;
using Fathom.Tracking.Stores;

namespace Fathom.Tracking.Tests.Search;

public sealed class SearchSqlTranslationTests
{
    private static readonly MlflowSearchTranslator Translator = MlflowSearchTranslator.Instance;

    [Theory]
    [InlineData(SqlDialect.Sqlite)]
    [InlineData(SqlDialect.PostgreSql)]
    public void Values_travel_as_parameters_and_never_inside_the_sql(SqlDialect dialect)
    {
        var sql = Translator.TranslateRuns("params.a = 'x''; DROP TABLE runs; --' AND tags.`b;DELETE` LIKE '%y%'", null, dialect);
        Assert.DoesNotContain("DROP", sql.Where);
        Assert.DoesNotContain("DELETE", sql.Where);
        Assert.Contains("x''; DROP TABLE runs; --", sql.Parameters.Values);
        Assert.Contains("b;DELETE", sql.Parameters.Values);
        Assert.All(sql.Parameters.Keys, name => Assert.StartsWith("@s", name));
    }

    [Fact]
    public void Sqlite_LIKE_is_a_case_sensitive_GLOB()
    {
        var sql = Translator.TranslateRuns("params.a LIKE 'a_b%'", null, SqlDialect.Sqlite);
        Assert.Contains("GLOB", sql.Where);
        Assert.Contains("a?b*", sql.Parameters.Values);
    }

    [Fact]
    public void Sqlite_ILIKE_lowers_both_sides() =>
        Assert.Contains("LOWER(sf0.value) LIKE LOWER(@s1)", Translator.TranslateRuns("tags.a ILIKE 'X%'", null, SqlDialect.Sqlite).Where);

    [Theory]
    [InlineData("LIKE")]
    [InlineData("ILIKE")]
    public void PostgreSql_uses_its_own_LIKE_and_ILIKE(string comparator) =>
        Assert.Contains($"sf0.value {comparator} @s1", Translator.TranslateRuns($"params.a {comparator} 'x%'", null, SqlDialect.PostgreSql).Where);

    [Theory]
    [InlineData("a%b_c", "a*b?c")]
    [InlineData("star*", "star[*]")]
    [InlineData("what?", "what[?]")]
    [InlineData("[x]", "[[]x]")]
    [InlineData("plain", "plain")]
    public void LIKE_patterns_translate_to_GLOB_with_GLOBs_specials_taken_literally(string like, string glob) =>
        Assert.Equal(glob, SqlComparison.LikeToGlob(like));

    [Fact]
    public void Without_order_by_runs_sort_newest_first_then_by_id() =>
        Assert.Equal("runs.start_time DESC, runs.run_uuid ASC", Translator.TranslateRuns(null, null, SqlDialect.Sqlite).OrderBy);

    [Fact]
    public void Ordering_by_start_time_drops_the_start_time_tie_breaker() =>
        Assert.Equal(
            "CASE WHEN runs.start_time IS NULL THEN 1 ELSE 0 END, runs.start_time ASC, runs.run_uuid ASC",
            Translator.TranslateRuns(null, ["start_time"], SqlDialect.Sqlite).OrderBy);

    [Fact]
    public void Ordering_by_a_metric_left_joins_its_latest_value_once()
    {
        var sql = Translator.TranslateRuns(null, ["metrics.acc DESC"], SqlDialect.Sqlite);
        Assert.Equal("LEFT JOIN latest_metrics so0 ON so0.run_uuid = runs.run_uuid AND so0.key = @s0", sql.Joins);
        Assert.StartsWith("CASE WHEN so0.is_nan = 1 THEN 1 WHEN so0.value IS NULL THEN 2 ELSE 0 END, so0.value DESC", sql.OrderBy);
        Assert.Equal("acc", sql.Parameters["@s0"]);
    }

    [Fact]
    public void Numeric_attributes_bind_whole_numbers_as_integers() =>
        Assert.Equal(1700000000000L, Translator.TranslateRuns("start_time >= 1700000000000", null, SqlDialect.PostgreSql).Parameters["@s0"]);

    [Fact]
    public void Metric_values_bind_as_doubles() =>
        Assert.Equal(1.0, Translator.TranslateRuns("metrics.acc = 1", null, SqlDialect.PostgreSql).Parameters["@s1"]);

    [Fact]
    public void Without_order_by_experiments_sort_as_the_store_default() =>
        Assert.Equal("experiments.creation_time DESC, experiments.experiment_id ASC", Translator.TranslateExperiments(null, null, SqlDialect.Sqlite).OrderBy);

    [Fact]
    public void An_empty_filter_adds_no_condition() => Assert.Equal("", Translator.TranslateRuns("  ", null, SqlDialect.Sqlite).Where);
}
