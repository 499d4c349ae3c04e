using Fathom.Core.Errors;
using Fathom.Monitoring.Suites;
using Fathom.Monitoring.Tests.Reports;

namespace Fathom.Monitoring.Tests.Suites;

public sealed class SuiteRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-suite-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Conditions_read_metrics_from_the_report_by_path_and_column()
    {
        var suite = Load("""
            tests:
              - name: share
                metric: data_drift.share_of_drifted_columns
                lt: 0.5
              - metric: data_drift.columns[age].drifted
                eq: false
              - metric: data_drift.columns[income].drift_score
                between: [0.05, 1]
                severity: warning
              - metric: data_drift.columns[segment].test
                in: [chisquare, z]
              - metric: data_quality.current.duplicated_rows
                lte: 0
            """);

        var results = SuiteRunner.Run(suite, ReportFixtures.Build(600));

        Assert.Equal(["fail", "pass", "warning", "pass", "pass"], results.Select(r => r.Status));
        Assert.Equal("0.6666666666666666", results[0].Actual);
    }

    [Fact]
    public void Multivariate_metrics_compare_a_score_objects_value_and_nested_numbers()
    {
        var suite = Load("""
            preset: drift
            tests:
              - metric: multivariate.pca_reconstruction_error
                lt: 100
              - metric: multivariate.domain_classifier.roc_auc
                lt: 0.55
              - metric: multivariate.correlation_change.pairs[age|income].change
                between: [-1, 1]
            """);

        var results = SuiteRunner.Run(suite, ReportFixtures.Build(600, Fathom.Monitoring.Reports.ReportPreset.Drift));

        Assert.Equal(["pass", "fail", "pass"], results.Select(r => r.Status));
    }

    [Fact]
    public void A_metric_the_report_does_not_have_is_named_in_the_error()
    {
        var suite = Load("tests:\n  - name: typo\n    metric: data_drift.columns[height].drift_score\n    gt: 0\n");

        var error = Assert.Throws<FathomException>(() => SuiteRunner.Run(suite, ReportFixtures.Build(100)));

        Assert.Contains("Test 'typo' refers to metric 'data_drift.columns[height].drift_score'", error.Message);
    }

    [Fact]
    public void A_test_without_exactly_one_condition_is_rejected_with_its_number()
    {
        var error = Assert.Throws<FathomException>(() => Load("tests:\n  - metric: data_drift.dataset_drift\n"));

        Assert.Contains("test 1 (data_drift.dataset_drift) needs exactly one condition", error.Message);
    }

    private TestSuite Load(string yaml)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return TestSuite.Load(path);
    }
}
