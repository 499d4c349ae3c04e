using Fathom.Core.Errors;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Reports;
using Fathom.Monitoring.Suites;
using Fathom.Monitoring.Tests.Performance;

namespace Fathom.Monitoring.Tests.Suites;

public sealed class TestPresetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-presets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MonitoringReport Report(Core.Tables.DataTable reference, Core.Tables.DataTable current, ReportPreset preset = ReportPreset.All, ColumnMapping? mapping = null) =>
        MonitoringReportBuilder.Build(reference, current, mapping ?? new ColumnMapping(), new ReportOptions { Preset = preset });

    [Fact]
    public void Regression_preset_passes_on_a_like_model_and_fails_when_the_error_grows()
    {
        var reference = PerformanceData.Regression(2000, 1, 0);
        var suite = TestSuite.Create().AddPreset("regression").Build();

        var same = SuiteRunner.Run(suite, Report(reference, PerformanceData.Regression(2000, 7, 0)));
        var biased = SuiteRunner.Run(suite, Report(reference, PerformanceData.Regression(2000, 7, 3)));

        Assert.Equal(["Mean error", "MAE", "RMSE", "MAPE"], same.Select(r => r.Test.Name));
        Assert.All(same, r => Assert.Equal("pass", r.Status));
        Assert.Equal("fail", biased.Single(r => r.Test.Name == "MAE").Status);
        Assert.Equal("fail", biased.Single(r => r.Test.Name == "Mean error").Status);
    }

    [Fact]
    public void Classification_preset_derives_conditions_within_20_percent_of_the_reference()
    {
        var reference = PerformanceData.Binary(4000, 1, skill: 0.9);
        var report = Report(reference, PerformanceData.Binary(4000, 2, skill: 0.6));

        var tests = TestPresets.Generate("classification", report);
        var results = SuiteRunner.Run(TestSuite.Create().AddPreset("classification").Build(), report);

        var accuracy = tests.Single(t => t.Name == "Accuracy");
        var expected = report.Classification!.Reference.Accuracy;
        Assert.Equal("between", accuracy.Condition);
        Assert.Equal(expected * 0.8, double.Parse(accuracy.Operands[0], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(["Number of rows", "Drift of the target 'target'", "Accuracy", "F1", "Precision", "Recall", "ROC AUC"], tests.Select(t => t.Name));
        Assert.Equal("fail", results.Single(r => r.Test.Name == "Accuracy").Status);
        Assert.Equal("pass", results.Single(r => r.Test.Name == "Number of rows").Status);
    }

    [Fact]
    public void Data_stability_and_drift_presets_pass_on_the_same_data_and_flag_a_shift()
    {
        var reference = PerformanceData.Regression(1000, 1, 0);
        var shifted = PerformanceData.Regression(1000, 50, 0);
        var x = ((Core.Tables.NumericColumn)shifted["x"]).Values.ToArray().Select(v => v + 10).ToArray();
        shifted = new Core.Tables.DataTable(shifted.Columns.Select(c => c.Name == "x" ? new Core.Tables.NumericColumn("x", x) : c));
        var suite = TestSuite.Create().AddPreset("data_stability").AddPreset("data_drift").Build();

        var same = SuiteRunner.Run(suite, Report(reference, reference));
        var moved = SuiteRunner.Run(suite, Report(reference, shifted));

        Assert.All(same, r => Assert.Equal("pass", r.Status));
        Assert.Equal("fail", moved.Single(r => r.Test.Name == "Mean of 'x' within 2 reference sigmas").Status);
        Assert.Equal("fail", moved.Single(r => r.Test.Name == "Drift of 'x'").Status);
        Assert.Equal("fail", moved.Single(r => r.Test.Name == "Share of out-of-range values in 'x'").Status);
    }

    [Fact]
    public void Builder_tests_run_alongside_presets_and_read_classes_by_label()
    {
        var labels = new[] { "a", "b", "c" };
        var table = PerformanceData.Multiclass(600, 3, labels);
        var report = Report(table, table, ReportPreset.Classification, new ColumnMapping { PredictionProbabilities = labels });
        var suite = TestSuite.Create("classification")
            .Add("classification_performance.current.classes[b].recall", TestCondition.Gt(0.3))
            .Add("classification_performance.current.log_loss", TestCondition.Lt(0.01), TestSeverity.Warning, "tiny log-loss")
            .Build();

        var results = SuiteRunner.Run(suite, report);

        Assert.Equal("pass", results[0].Status);
        Assert.Equal("warning", results[1].Status);
        Assert.Throws<ArgumentException>(() => TestSuite.Create().Add("x", new TestCondition("roughly", ["1"])));
    }

    [Fact]
    public void Suites_load_from_json_files_with_presets()
    {
        var path = Path.Combine(_dir, "suite.json");
        File.WriteAllText(path, """{"preset": "drift", "presets": ["data_drift"], "tests": [{"metric": "data_drift.share_of_drifted_columns", "lte": 1}]}""");

        var suite = TestSuite.Load(path);

        Assert.Equal("drift", suite.Preset);
        Assert.Equal(["data_drift"], suite.Presets);
        Assert.Equal("lte", suite.Tests.Single().Condition);
    }

    [Fact]
    public void Unknown_presets_and_metrics_are_errors_naming_them()
    {
        var path = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(path, "presets: [data_drfit]\n");
        var report = Report(PerformanceData.Regression(100, 1, 0), PerformanceData.Regression(100, 2, 0), ReportPreset.Drift);

        Assert.Contains("test preset 'data_drfit' is unknown", Assert.Throws<FathomException>(() => TestSuite.Load(path)).Message);
        var missing = Assert.Throws<FathomException>(() => SuiteRunner.Run(TestSuite.Create().Add("regression_performance.current.mae", TestCondition.Lt(1)).Build(), report));
        Assert.Contains("'regression_performance' not found", missing.Message);
        Assert.Contains("needs the report's regression performance", Assert.Throws<FathomException>(() => TestPresets.Generate("regression", report)).Message);
    }
}
