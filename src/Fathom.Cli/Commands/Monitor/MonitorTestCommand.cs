using Fathom.Core.Errors;
using Fathom.Monitoring.Reports;
using Fathom.Monitoring.Reports.Html;
using Fathom.Monitoring.Suites;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Monitor;

/// <summary>
/// <c>fathom monitor test</c>: runs a suite file and/or a test preset against a report and exits 1 when a test with
/// severity fail fails, so CI can gate on it.
/// </summary>
internal sealed class MonitorTestCommand(IAnsiConsole console) : AsyncCommand<MonitorTestSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MonitorTestSettings settings, CancellationToken cancellationToken)
    {
        var suite = settings.Suite is null ? TestSuite.Create(ReportPresetName(settings.Preset!)).Build() : TestSuite.Load(settings.Suite);
        if (settings.Preset is not null) suite = suite with { Presets = [.. suite.Presets, settings.Preset] };
        // A test preset next to a suite file may need sections the file's preset leaves out: compute them all.
        if (settings.Preset is not null && settings.Suite is not null) suite = suite with { Preset = "all" };
        if (!Enum.TryParse<ReportPreset>(suite.Preset, ignoreCase: true, out var preset))
            throw FathomException.InvalidParameter($"{settings.Suite}: preset '{suite.Preset}' is unknown; use drift, quality, classification, regression or all.");
        var task = settings.Task ?? (suite.Presets.Contains("regression") ? "regression" : suite.Presets.Contains("classification") ? "classification" : null);
        var report = await MonitorReportCommand.BuildAsync(settings, preset, task, cancellationToken);
        var results = SuiteRunner.Run(suite, report);
        var table = new Table().AddColumns("Test", "Metric", "Condition", "Actual", "Status");
        foreach (var r in results)
        {
            var status = r.Status switch { "pass" => "[green]pass[/]", "warning" => "[yellow]warning[/]", _ => "[red]fail[/]" };
            table.AddRow(Markup.Escape(r.Test.Name), Markup.Escape(r.Test.Metric), Markup.Escape(new TestCondition(r.Test.Condition, r.Test.Operands).ToString()), Markup.Escape(r.Actual), status);
        }
        console.Write(table);
        if (settings.Output is not null) HtmlReportWriter.Write(report, settings.Output);
        var failed = results.Count(r => r.Status == "fail");
        var warnings = results.Count(r => r.Status == "warning");
        console.MarkupLine($"{results.Count - failed - warnings} passed, {warnings} warnings, {failed} failed.");
        return failed > 0 ? 1 : 0;
    }

    private static string ReportPresetName(string testPreset) => TestPresets.ReportPresetFor(testPreset).ToString().ToLowerInvariant();
}
