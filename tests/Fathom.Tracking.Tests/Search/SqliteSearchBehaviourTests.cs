namespace Fathom.Tracking.Tests.Search;

/// <summary>What the translated SQL does inside a real SQLite file.</summary>
public sealed class SqliteSearchBehaviourTests : IDisposable
{
    private readonly SqliteSearchDatabase db = new();

    public void Dispose() => db.Dispose();

    private void Runs(params string[] ids)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            db.Run(ids[i], startTime: 1000 - i);
        }
    }

    [Fact]
    public void LIKE_is_case_sensitive_and_ILIKE_is_not()
    {
        Runs("upper", "lower");
        db.Param("upper", "model", "Alpha");
        db.Param("lower", "model", "alpha");
        Assert.Equal(["lower"], db.SearchRuns("params.model LIKE 'al%'"));
        Assert.Equal(["upper", "lower"], db.SearchRuns("params.model ILIKE 'AL%'"));
    }

    [Fact]
    public void LIKE_wildcards_work_and_GLOB_specials_match_only_themselves()
    {
        Runs("star", "plain", "bracket");
        db.Tag("star", "t", "a*b");
        db.Tag("plain", "t", "axb");
        db.Tag("bracket", "t", "[x]");
        Assert.Equal(["star"], db.SearchRuns("tags.t LIKE 'a*b'"));
        Assert.Equal(["star", "plain"], db.SearchRuns("tags.t LIKE 'a_b'"));
        Assert.Equal(["bracket"], db.SearchRuns("tags.t LIKE '[%'"));
    }

    [Fact]
    public void Metric_filters_compare_the_latest_value_and_skip_runs_without_the_metric()
    {
        Runs("high", "low", "none");
        db.Metric("high", "acc", 0.9);
        db.Metric("low", "acc", 0.1);
        Assert.Equal(["high"], db.SearchRuns("metrics.acc > 0.5"));
        Assert.Equal(["high", "low"], db.SearchRuns("metrics.acc != 0.5"));
    }

    [Theory]
    [InlineData("metrics.acc DESC", new[] { "high", "low", "nan", "none" })]
    [InlineData("metrics.acc ASC", new[] { "low", "high", "nan", "none" })]
    public void Ordering_by_a_metric_puts_NaN_then_missing_values_last_in_both_directions(string orderBy, string[] expected)
    {
        Runs("none", "nan", "low", "high");
        db.Metric("high", "acc", 0.9);
        db.Metric("low", "acc", 0.1);
        db.Metric("nan", "acc", double.NaN);
        Assert.Equal(expected, db.SearchRuns(null, orderBy));
    }

    [Theory]
    [InlineData("params.p DESC", new[] { "b", "a", "none" })]
    [InlineData("params.p", new[] { "a", "b", "none" })]
    [InlineData("end_time DESC", new[] { "b", "a", "none" })]
    public void Ordering_puts_runs_without_the_value_last_in_both_directions(string orderBy, string[] expected)
    {
        db.Run("none", 3);
        db.Run("a", 2, endTime: 10);
        db.Run("b", 1, endTime: 20);
        db.Param("a", "p", "1");
        db.Param("b", "p", "2");
        Assert.Equal(expected, db.SearchRuns(null, orderBy));
    }

    [Fact]
    public void Ties_break_on_start_time_descending_then_run_id()
    {
        db.Run("b", 5);
        db.Run("a", 5);
        db.Run("c", 9);
        Assert.Equal(["c", "a", "b"], db.SearchRuns(null));
        Assert.Equal(["a", "b", "c"], db.SearchRuns(null, "start_time"));
    }

    [Fact]
    public void Run_ids_filter_with_IN_and_NOT_IN()
    {
        Runs("r1", "r2", "r3");
        Assert.Equal(["r1", "r3"], db.SearchRuns("run_id IN ('r1', 'r3', 'missing')"));
        Assert.Equal(["r2"], db.SearchRuns("attributes.run_id NOT IN ('r1', 'r3')"));
    }

    [Fact]
    public void Run_name_filters_on_the_mlflow_runName_tag()
    {
        Runs("r1", "r2");
        db.Tag("r1", "mlflow.runName", "brave-owl");
        db.Tag("r2", "mlflow.runName", "calm-fox");
        Assert.Equal(["r1"], db.SearchRuns("attributes.run_name = 'brave-owl'"));
        Assert.Equal(["r2"], db.SearchRuns("tags.mlflow.runName LIKE 'calm%'"));
    }

    [Fact]
    public void Dataset_name_digest_and_context_filter_runs_by_their_inputs()
    {
        Runs("train", "eval", "none");
        db.Dataset("train", "iris", "abc", "training");
        db.Dataset("eval", "iris", "def", "evaluation");
        Assert.Equal(["train", "eval"], db.SearchRuns("datasets.name = 'iris'"));
        Assert.Equal(["eval"], db.SearchRuns("datasets.digest IN ('def')"));
        Assert.Equal(["train"], db.SearchRuns("datasets.context = 'training'"));
    }

    [Fact]
    public void Numeric_attributes_compare_as_numbers()
    {
        db.Run("old", 100);
        db.Run("new", 2000);
        Assert.Equal(["new"], db.SearchRuns("start_time > 999"));
        Assert.Equal(["old"], db.SearchRuns("created < 1e3"));
    }

    [Fact]
    public void Experiments_filter_on_name_and_tags_and_order_by_name()
    {
        db.Experiment(1, "Churn", 10, ("team", "growth"));
        db.Experiment(2, "churn-v2", 20, ("team", "risk"));
        db.Experiment(3, "pricing", 30);
        Assert.Equal(["churn-v2"], db.SearchExperiments("name LIKE 'churn%'"));
        Assert.Equal(["Churn", "churn-v2"], db.SearchExperiments("name ILIKE 'churn%'", "name"));
        Assert.Equal(["churn-v2"], db.SearchExperiments("tags.team = 'risk' AND creation_time >= 20"));
        Assert.Equal(["pricing", "churn-v2", "Churn"], db.SearchExperiments(null));
    }
}
