using System.Text.Json;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Reports;
using Fathom.Monitoring.Reports.Html;
using Fathom.Monitoring.Suites;
using Fathom.Monitoring.Windows;
using static Fathom.Monitoring.Tests.Tables;

namespace Fathom.Monitoring.Tests.Windows;

/// <summary>Four days of current data where "income" shifts from the third day on.</summary>
public sealed class WindowedReportTests
{
    private const int RowsPerDay = 240;
    private static readonly DateTime Day0 = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly ColumnMapping Mapping = new() { Target = "y", Prediction = "p", Timestamp = "ts" };

    private static DataTable Data(int days, bool shiftLater, int seed)
    {
        var n = days * RowsPerDay;
        var random = new Random(seed);
        var income = Normal(n, 50, 5, seed * 7 + 101);
        var age = Normal(n, 40, 10, seed * 13 + 2003);
        var noise = Normal(n, 0, 1, seed * 17 + 30011);
        var segments = new[] { "a", "b", "c" };
        var ticks = new long[n];
        for (var i = 0; i < n; i++)
        {
            // Rows are not in time order: each day's rows are spread over the table.
            var day = i % days;
            ticks[i] = Day0.AddDays(day).AddMinutes(random.Next(24 * 60)).Ticks;
            if (shiftLater && day >= 2) income[i] += 15;
        }
        var y = income.Select((v, i) => 2 * v + age[i] + noise[i]).ToArray();
        var p = income.Select((v, i) => 2 * v + age[i]).ToArray();
        return Of(new TimestampColumn("ts", ticks), Num("income", income), Num("age", age),
            Cat("segment", Enumerable.Range(0, n).Select(i => segments[random.Next(3)]).ToArray()), Num("y", y), Num("p", p));
    }

    private static readonly DataTable Reference = Data(4, shiftLater: false, seed: 10);
    private static readonly DataTable Current = Data(4, shiftLater: true, seed: 20);

    private static JsonElement Json(MonitoringReport report) => JsonDocument.Parse(ReportJsonWriter.ToJson(report)).RootElement;

    [Fact]
    public void Each_window_has_the_numbers_of_a_report_on_that_slice_alone()
    {
        var options = new ReportOptions { Preset = ReportPreset.All, Window = WindowSpec.Parse("day") };
        var windowed = Json(MonitoringReportBuilder.Build(Reference, Current, Mapping, options));
        var windows = windowed.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(4, windows.Count);

        var ticks = ((TimestampColumn)Current["ts"]).Ticks.ToArray();
        for (var day = 0; day < 4; day++)
        {
            var start = Day0.AddDays(day);
            var slice = Current.Where(row => ticks[row] >= start.Ticks && ticks[row] < start.AddDays(1).Ticks);
            var alone = Json(MonitoringReportBuilder.Build(Reference, slice, Mapping, options with { Window = null }));
            var window = windows[day];

            Assert.Equal(start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), window.GetProperty("start").GetString());
            Assert.Equal(slice.RowCount, window.GetProperty("rows").GetInt32());
            var drift = window.GetProperty("data_drift");
            var aloneDrift = alone.GetProperty("data_drift");
            foreach (var name in new[] { "number_of_drifted_columns", "share_of_drifted_columns", "dataset_drift" })
                Assert.Equal(aloneDrift.GetProperty(name).GetRawText(), drift.GetProperty(name).GetRawText());
            var columns = drift.GetProperty("columns").EnumerateArray().ToList();
            var aloneColumns = aloneDrift.GetProperty("columns").EnumerateArray().ToList();
            Assert.Equal(aloneColumns.Count, columns.Count);
            for (var c = 0; c < columns.Count; c++)
                foreach (var name in new[] { "column", "test", "statistic", "drift_score", "threshold", "drifted" })
                    Assert.Equal(aloneColumns[c].GetProperty(name).GetRawText(), columns[c].GetProperty(name).GetRawText());
            Assert.Equal(alone.GetProperty("target_drift").GetProperty("drift_score").GetRawText(), window.GetProperty("target_drift").GetProperty("drift_score").GetRawText());
            Assert.Equal(JsonSerializer.Serialize(alone.GetProperty("data_quality").GetProperty("current")), JsonSerializer.Serialize(window.GetProperty("data_quality")));
            var regression = window.GetProperty("regression_performance");
            foreach (var name in new[] { "rows", "mean_error", "mean_abs_error", "rmse", "r2_score" })
                Assert.Equal(alone.GetProperty("regression_performance").GetProperty("current").GetProperty(name).GetRawText(), regression.GetProperty(name).GetRawText());
            var multivariate = alone.GetProperty("multivariate");
            Assert.Equal(multivariate.GetProperty("pca_reconstruction_error").GetProperty("value").GetRawText(),
                window.GetProperty("multivariate").GetProperty("pca_reconstruction_error").GetProperty("value").GetRawText());
            Assert.Equal(multivariate.GetProperty("domain_classifier").GetProperty("roc_auc").GetRawText(),
                window.GetProperty("multivariate").GetProperty("domain_classifier").GetProperty("roc_auc").GetRawText());
        }
    }

    [Fact]
    public void Quality_per_window_summarizes_the_reference_once_and_matches_a_report_on_each_slice_alone()
    {
        var options = new ReportOptions { Preset = ReportPreset.Quality, Window = WindowSpec.Parse("day") };
        var windowed = MonitoringReportBuilder.Build(Reference, Current, Mapping, options);

        var ticks = ((TimestampColumn)Current["ts"]).Ticks.ToArray();
        var first = windowed.Windows!.Windows[0].Report.DataQuality!;
        foreach (var window in windowed.Windows.Windows)
        {
            var start = Day0.AddDays(window.Index);
            var slice = Current.Where(row => ticks[row] >= start.Ticks && ticks[row] < start.AddDays(1).Ticks);
            var alone = MonitoringReportBuilder.Build(Reference, slice, Mapping, options with { Window = null });
            // Every figure (reference and current summaries, outliers against reference fences, out-of-range shares,
            // new categories, duplicates) is what a report on the slice alone gives.
            Assert.Equal(QualityJson(alone), QualityJson(window.Report));
            // The reference side is the very same summary object in every window: computed once, not per window.
            for (var c = 0; c < first.Columns.Count; c++)
                Assert.Same(first.Columns[c].Reference, window.Report.DataQuality!.Columns[c].Reference);
        }
    }

    private static string QualityJson(MonitoringReport report) => Json(report).GetProperty("data_quality").GetRawText();

    [Fact]
    public void Windows_show_the_day_drift_started()
    {
        var report = MonitoringReportBuilder.Build(Reference, Current, Mapping, new ReportOptions { Preset = ReportPreset.Drift, Window = WindowSpec.Parse("day") });

        var incomeDrifted = report.Windows!.Windows.Select(w => w.Report.DataDrift!.Columns.Single(c => c.Column == "income").Drifted).ToList();

        Assert.Equal([false, false, true, true], incomeDrifted);
        Assert.Equal("day", Json(report).GetProperty("windowing").GetProperty("window").GetString());
        Assert.Null(report.Windows.Windows[0].Report.Windows);
    }

    [Fact]
    public void Windowing_records_the_split_and_rows_without_a_timestamp()
    {
        var report = MonitoringReportBuilder.Build(Reference, Current, Mapping, new ReportOptions { Preset = ReportPreset.Quality, Window = WindowSpec.Parse("500") });

        var windowing = Json(report).GetProperty("windowing");
        Assert.Equal("500", windowing.GetProperty("window").GetString());
        Assert.Equal("ts", windowing.GetProperty("timestamp").GetString());
        Assert.Equal(0, windowing.GetProperty("rows_without_timestamp").GetInt32());
        Assert.Equal(2, windowing.GetProperty("number_of_windows").GetInt32());
        Assert.Equal([500, 4 * RowsPerDay - 500], report.Windows!.Windows.Select(w => w.Rows));
        Assert.False(Json(report).GetProperty("windows")[0].TryGetProperty("data_drift", out _));
    }

    [Fact]
    public void A_window_without_the_timestamp_mapped_is_a_clear_error()
    {
        var error = Assert.Throws<FathomException>(() => MonitoringReportBuilder.Build(Reference, Current, Mapping with { Timestamp = null },
            new ReportOptions { Preset = ReportPreset.Drift, Window = WindowSpec.Parse("week") }));

        Assert.Contains("Windows by week need a timestamp column", error.Message);
    }

    [Fact]
    public void A_suite_can_require_that_no_window_drifts()
    {
        var report = MonitoringReportBuilder.Build(Reference, Current, Mapping, new ReportOptions { Preset = ReportPreset.Drift, Window = WindowSpec.Parse("day") });
        var suite = TestSuite.Create("drift")
            .Add("windows[*].data_drift.columns[income].drifted", TestCondition.Eq("false"))
            .Add("windows[*].data_drift.columns[age].drifted", TestCondition.Eq("false"))
            .Build();

        var results = SuiteRunner.Run(suite, report);

        Assert.Equal("fail", results[0].Status);
        Assert.Equal("true at windows[2] (2 of 4 do not pass)", results[0].Actual);
        Assert.Equal("pass", results[1].Status);
        Assert.Equal("all 4 pass", results[1].Actual);
    }

    [Fact]
    public void Html_report_draws_drift_over_time_without_growing_with_rows()
    {
        var report = MonitoringReportBuilder.Build(Reference, Current, Mapping, new ReportOptions { Preset = ReportPreset.Drift, Window = WindowSpec.Parse("day") });

        var html = HtmlReportWriter.Render(report);

        Assert.Contains("id=\"drift-over-time\"", html);
        Assert.Contains("id=\"windows-grid\"", html);
        Assert.Contains("no dataset drift in any of 4 windows; first drifted column: income in window 2 (2025-03-03)", html);
        Assert.Contains("income, window 2 (2025-03-03): ks", html);
        Assert.True(html.Length < 200_000, $"{html.Length} characters");
    }
}
