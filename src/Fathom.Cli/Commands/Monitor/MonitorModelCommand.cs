using Fathom.Cli.Infrastructure;
using Fathom.Core.Errors;
using Fathom.Core.Tables;
using Fathom.Monitoring.Drift;
using Fathom.Monitoring.Mapping;
using Fathom.Monitoring.Reports;
using Fathom.Monitoring.Windows;
using Fathom.Tracking.Artifacts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Monitor;

/// <summary>
/// <c>fathom monitor model NAME</c>: the served model's prediction log (current) against its training data scored by the
/// model (reference): drift on the inputs, prediction drift, data quality, and, for rows with joined labels, target
/// drift and classification or regression performance.
/// </summary>
internal sealed class MonitorModelCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<MonitorModelSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MonitorModelSettings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var reference = await TrainingReference.LoadAsync(client, settings.Name, settings.Version, settings.Alias, settings.Reference, ct);
        var log = settings.Predictions ?? env.GetVariable("FATHOM_SERVE_PREDICTION_LOG_DESTINATION") ?? "./fathom-data/predictions";
        using var logFiles = ArtifactRepositoryFactory.Create(log);
        var folder = SafeName(settings.Name);
        // Without --version/--alias every logged version is compared with the latest version's training data.
        var version = settings.Version is not null || settings.Alias is not null ? reference.Version : null;
        var predictions = await PredictionLogTables.ReadAsync(logFiles, folder, settings.SinceUtc, version, ct)
            ?? throw FathomException.NotFound($"There is no prediction log for model '{settings.Name}' under {log}{(settings.Since is null ? "" : $" since {settings.Since}")}.");
        if (predictions.RowCount == 0)
            throw FathomException.InvalidParameter($"The prediction log of model '{settings.Name}' has no row{(version is null ? "" : $" of version {version}")}{(settings.Since is null ? "" : $" since {settings.Since}")}.");
        var labeled = reference.HasLabel ? await PredictionLogTables.ReadAsync(logFiles, folder + "/labeled", settings.SinceUtc, version, ct) : null;

        var report = Build(settings, reference, predictions, labeled is { RowCount: > 0 } ? labeled : null, note => console.MarkupLineInterpolated($"[yellow]{note}[/]"));
        await MonitorReportCommand.WriteAsync(report, settings.Output!, settings.Format);
        console.MarkupLineInterpolated(
            $"Model [bold]{reference.Name}[/] version {reference.Version}: {predictions.RowCount:N0} logged predictions{(labeled is null ? "" : $" ({labeled.RowCount:N0} with labels)")} against the training data {reference.Source} ({reference.Table.RowCount:N0} rows{(reference.HashChecked ? ", sha256 as logged by run " + reference.RunId : "")}).");
        MonitorReportCommand.PrintSummary(console, report);
        console.MarkupLineInterpolated($"Report written to [bold]{settings.Output}[/].");
        await MonitorTracking.LogAsync(console, env, settings.LogToRun, settings.Experiment, settings.TrackingUri, report, ct);
        return 0;
    }

    private static MonitoringReport Build(MonitorModelSettings settings, TrainingReference reference, DataTable predictions, DataTable? labeled, Action<string> warn)
    {
        var inputs = reference.Table.ColumnNames.Where(n => n != ClassificationLabels.Label && !n.StartsWith("output_", StringComparison.Ordinal)).ToList();
        var options = new ReportOptions
        {
            Preset = Enum.Parse<ReportPreset>(settings.Preset ?? "all", ignoreCase: true),
            Window = settings.Window is null ? null : WindowSpec.Parse(settings.Window),
        };
        var mapping = new ColumnMapping { Prediction = "prediction", Timestamp = "timestamp" };
        var report = MonitoringReportBuilder.Build(Select(reference.Table, inputs, "training data"), Select(predictions, inputs, "prediction log"), mapping, options);
        if (labeled is null || reference.Task is null) return report;

        // Performance needs the label, which only the joined rows have: a second report on them.
        var preset = reference.Task == "regression" ? ReportPreset.Regression : ReportPreset.Classification;
        var performanceOptions = options with { Preset = preset, Window = null, IncludeMultivariate = false };
        MonitoringReport performance;
        Column referenceLabel, currentLabel;
        if (reference.Task == "regression")
        {
            var withLabel = inputs.Append(ClassificationLabels.Label).ToList();
            var current = Select(labeled, inputs, "labeled prediction log").Columns.Append(LabelOf(labeled, settings.LabelColumn));
            performance = MonitoringReportBuilder.Build(Select(reference.Table, withLabel, "training data"), new DataTable(current), mapping with { Target = ClassificationLabels.Label, Task = reference.Task }, performanceOptions);
            (referenceLabel, currentLabel) = (reference.Table[ClassificationLabels.Label], LabelOf(labeled, settings.LabelColumn));
        }
        else
        {
            var (referenceTable, currentTable, classificationMapping, notes) =
                ClassificationLabels.Build(reference.Table, labeled, settings.LabelColumn, settings.PositiveClass, reference.ScoreColumns);
            foreach (var note in notes) warn(note);
            // A binary model's positive class is "true" (the labels were mapped to the model's true/false).
            var positive = referenceTable["prediction"] is CategoricalColumn { Categories: var categories } && categories.All(c => c is "true" or "false") ? "true" : null;
            performance = MonitoringReportBuilder.Build(referenceTable, currentTable, classificationMapping,
                performanceOptions with { Performance = performanceOptions.Performance with { PositiveLabel = positive } });
            (referenceLabel, currentLabel) = (referenceTable[ClassificationLabels.Label], currentTable[ClassificationLabels.Label]);
        }
        var target = performance.Definition.Target!;
        return report with
        {
            Definition = report.Definition with { Target = target, Task = reference.Task, PredictionProbabilities = performance.Definition.PredictionProbabilities },
            TargetDrift = report.DataDrift is null ? null : DataDriftCalculator.Column(referenceLabel, currentLabel, target, options.Drift),
            Classification = performance.Classification,
            Regression = performance.Regression,
        };
    }

    private static Column LabelOf(DataTable labeled, string column) =>
        labeled.Contains(column)
            ? labeled[column].Rename(ClassificationLabels.Label)
            : throw FathomException.InvalidParameter($"The labeled prediction log has no column '{column}' (--label-column); its columns: {string.Join(", ", labeled.ColumnNames)}.");

    private static DataTable Select(DataTable table, IReadOnlyList<string> columns, string what)
    {
        var missing = columns.Where(c => !table.Contains(c)).ToList();
        if (missing.Count > 0)
            throw FathomException.InvalidParameter($"The {what} has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the model was trained with.");
        return new DataTable(columns.Select(c => table[c]));
    }

    // The server names a model's log folder this way (PredictionLogWriter).
    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}
