using System.Globalization;
using Fathom.Cli.Infrastructure;
using Fathom.Core.Tables;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Performance;
using Fathom.Monitoring.Reports;
using Fathom.Monitoring.Reports.Html;
using Fathom.Monitoring.Windows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Monitor;

/// <summary><c>fathom monitor report</c>: reads both datasets, computes the preset's sections, writes HTML or JSON, prints the summary, optionally logs to a run.</summary>
internal sealed class MonitorReportCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<MonitorReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MonitorReportSettings settings, CancellationToken cancellationToken)
    {
        var report = await BuildAsync(settings, Enum.Parse<ReportPreset>(settings.Preset ?? "all", ignoreCase: true), settings.Task, cancellationToken);
        var json = await WriteAsync(report, settings.Output!, settings.Format);
        PrintSummary(console, report);
        console.MarkupLineInterpolated($"Report written to [bold]{settings.Output}[/] ({(json ? "json" : "html")}).");
        await MonitorTracking.LogAsync(console, env, settings.LogToRun, settings.Experiment, settings.TrackingUri, report, cancellationToken);
        return 0;
    }

    /// <summary>Writes JSON when asked or when the file ends in .json, HTML otherwise; returns whether it wrote JSON.</summary>
    internal static async Task<bool> WriteAsync(MonitoringReport report, string output, string? format)
    {
        var json = format == "json" || (format is null && Path.GetExtension(output).Equals(".json", StringComparison.OrdinalIgnoreCase));
        if (json)
        {
            await using var stream = File.Create(output);
            ReportJsonWriter.Write(report, stream);
        }
        else
        {
            HtmlReportWriter.Write(report, output);
        }
        return json;
    }

    /// <summary>Reads both datasets (in parallel) and computes the report the settings describe.</summary>
    internal static async Task<MonitoringReport> BuildAsync(MonitorReportSettings settings, ReportPreset preset, string? task, CancellationToken cancellationToken)
    {
        var referenceTask = TableReader.ReadAsync(settings.Reference!, cancellationToken);
        var current = await TableReader.ReadAsync(settings.Current!, cancellationToken);
        var reference = await referenceTask;
        var mapping = new ColumnMapping
        {
            Target = settings.Target,
            Prediction = settings.Prediction,
            PredictionProbabilities = MonitorReportSettings.List(settings.PredictionProbabilities),
            Id = settings.Id,
            Timestamp = settings.Timestamp,
            NumericalFeatures = MonitorReportSettings.List(settings.Numerical),
            CategoricalFeatures = MonitorReportSettings.List(settings.Categorical),
            Task = task,
        };
        var options = new ReportOptions
        {
            Preset = preset,
            Drift = new DriftOptions { Test = settings.StatTest, Threshold = settings.Threshold, DriftShare = settings.DriftShare },
            Performance = new PerformanceOptions { PositiveLabel = settings.PositiveLabel },
            Window = settings.Window is null ? null : WindowSpec.Parse(settings.Window),
        };
        return MonitoringReportBuilder.Build(reference, current, mapping, options);
    }

    internal static void PrintSummary(IAnsiConsole console, MonitoringReport report)
    {
        if (report.DataDrift is { } drift)
        {
            var table = new Table().AddColumns("Column", "Type", "Test", "Drift score", "Threshold", "Drifted");
            var singles = new[] { report.TargetDrift, report.PredictionDrift }.OfType<ColumnDrift>();
            foreach (var c in drift.Columns.Concat(singles))
                table.AddRow(Markup.Escape(c.Column), c.ColumnType, c.Test, Number(c.DriftScore), Number(c.Threshold), c.Drifted ? "[red]yes[/]" : "no");
            console.Write(table);
            var verdict = drift.DatasetDrift ? "[red]yes[/]" : "no";
            console.MarkupLine(
                $"Dataset drift: {verdict} ({drift.NumberOfDriftedColumns} of {drift.Columns.Count} columns drifted, share {drift.ShareOfDriftedColumns.ToString("0.###", CultureInfo.InvariantCulture)}).");
        }
        if (report.Windows is { } windows)
        {
            var drifted = windows.Windows.Where(w => w.Report.DataDrift?.DatasetDrift == true).ToList();
            var start = drifted.FirstOrDefault()?.Start?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
            if (drifted.Count == 0) console.MarkupLineInterpolated($"Windows ({windows.Window}): no dataset drift in any of {windows.Windows.Count} windows.");
            else console.MarkupLineInterpolated($"Windows ({windows.Window}): {drifted.Count} of {windows.Windows.Count} windows drifted, first window {drifted[0].Index} starting {start}.");
        }
        if (report.Multivariate is { } multivariate)
        {
            var checks = new (string Name, bool? Drifted)[]
            {
                ("PCA reconstruction error", multivariate.Pca?.Error.Drifted), ("Mahalanobis distance", multivariate.Mahalanobis?.Distance.Drifted),
                ("domain classifier", multivariate.DomainClassifier?.Drifted), ("correlation change", multivariate.Correlation?.Drifted),
            };
            console.MarkupLineInterpolated($"Multivariate drift: {string.Join(", ", checks.Where(c => c.Drifted is not null).Select(c => $"{c.Name} {(c.Drifted == true ? "yes" : "no")}"))}.");
        }
        if (report.DataQuality is { } quality)
        {
            console.MarkupLineInterpolated(
                $"Data quality: {quality.Current.Rows} current rows, {quality.Current.MissingCells} missing cells, {quality.Current.DuplicatedRows} duplicated rows, {quality.Columns.Count(c => c.NewCategories is { Count: > 0 })} columns with new categories.");
        }
        if (report.Classification is { } classification)
        {
            var table = new Table().AddColumns("Classification", "Reference", "Current");
            foreach (var (name, pick) in new (string, Func<ClassificationQuality, double?>)[]
            {
                ("accuracy", q => q.Accuracy), ("precision", q => q.Precision), ("recall", q => q.Recall), ("f1", q => q.F1),
                ("roc_auc", q => q.RocAuc), ("log_loss", q => q.LogLoss),
            })
                table.AddRow(name, Number(pick(classification.Reference)), Number(pick(classification.Current)));
            console.Write(table);
        }
        if (report.Regression is { } regression)
        {
            var table = new Table().AddColumns("Regression", "Reference", "Current");
            foreach (var (name, pick) in new (string, Func<RegressionQuality, double>)[]
            {
                ("mean_error", q => q.MeanError), ("mean_abs_error", q => q.MeanAbsError), ("rmse", q => q.Rmse),
                ("mean_abs_perc_error", q => q.MeanAbsPercError), ("r2_score", q => q.R2Score),
            })
                table.AddRow(name, Number(pick(regression.Reference)), Number(pick(regression.Current)));
            console.Write(table);
        }
    }

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "-";
}
