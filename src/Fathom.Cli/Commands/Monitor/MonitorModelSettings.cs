using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Monitor;

internal sealed class MonitorModelSettings : CommandSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The registered model, as served (its prediction log folder has the same name).")]
    public string Name { get; init; } = "";

    [CommandOption("--version <VERSION>")]
    [Description("Model version: its training data is the reference and only its logged predictions are compared.")]
    public string? Version { get; init; }

    [CommandOption("--alias <ALIAS>")]
    [Description("Model alias (e.g. champion) instead of --version.")]
    public string? Alias { get; init; }

    [CommandOption("--tracking-uri <URI>")]
    [Description("Tracking server holding the registry. Default: FATHOM_TRACKING_URI, then MLFLOW_TRACKING_URI, then http://127.0.0.1:5000.")]
    public string? TrackingUri { get; init; }

    [CommandOption("--predictions <DIR>")]
    [Description("The prediction log: a folder or s3://bucket/prefix. Default: FATHOM_SERVE_PREDICTION_LOG_DESTINATION or ./fathom-data/predictions.")]
    public string? Predictions { get; init; }

    [CommandOption("--since <TIME>")]
    [Description("Only predictions at or after this UTC date or date-time (2025-01-31 or 2025-01-31T12:00:00Z).")]
    public string? Since { get; init; }

    [CommandOption("--reference <PATH>")]
    [Description("Training data to use instead of the run's data_path param (e.g. a copy on this machine).")]
    public string? Reference { get; init; }

    [CommandOption("--label-column <COLUMN>")]
    [Description("The column of the labeled rows (fathom models log-labels) holding the ground truth. Default: label.")]
    public string LabelColumn { get; init; } = "label";

    [CommandOption("--positive-class <VALUE>")]
    [Description("Binary models: in a label column (training or joined) holding VALUE, a label is the positive class (true) exactly when it equals VALUE; other label columns are read as true/false, yes/no or 1/0.")]
    public string? PositiveClass { get; init; }

    [CommandOption("--preset <PRESET>")]
    [Description("drift, quality or all (default); performance is added when labels were joined.")]
    public string? Preset { get; init; }

    [CommandOption("--window <WINDOW>")]
    [Description("Also compute every section per day, week, month (by the log's timestamp) or number of rows.")]
    public string? Window { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("html or json; by default from the output file's extension (html otherwise).")]
    public string? Format { get; init; }

    [CommandOption("-o|--output <PATH>")]
    public string? Output { get; init; }

    [CommandOption("--log-to-run <RUN_ID>")]
    [Description("Log the key numbers as metrics and the report as artifacts of this run.")]
    public string? LogToRun { get; init; }

    [CommandOption("--experiment <NAME>")]
    [Description("Log to a new run in this experiment instead of --log-to-run.")]
    public string? Experiment { get; init; }

    public DateTime? SinceUtc => Since is null
        ? null
        : DateTime.Parse(Since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("-o|--output is required.");
        if (Version is not null && Alias is not null) return ValidationResult.Error("Use either --version or --alias, not both.");
        if (Preset is not (null or "drift" or "quality" or "all")) return ValidationResult.Error($"--preset '{Preset}' is unknown; use drift, quality or all.");
        if (Format is not (null or "html" or "json")) return ValidationResult.Error($"--format '{Format}' is unknown; use html or json.");
        if (LogToRun is not null && Experiment is not null) return ValidationResult.Error("Use either --log-to-run or --experiment, not both.");
        if (Since is not null && !DateTime.TryParse(Since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _))
            return ValidationResult.Error($"--since '{Since}' is not a date or date-time (e.g. 2025-01-31 or 2025-01-31T12:00:00Z).");
        return ValidationResult.Success();
    }
}
