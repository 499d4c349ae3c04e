using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Monitor;

internal class MonitorReportSettings : CommandSettings
{
    [CommandOption("--reference <PATH>")]
    [Description("Reference data: .csv, .parquet, .json (array) or .jsonl.")]
    public string? Reference { get; init; }

    [CommandOption("--current <PATH>")]
    [Description("Current data, same columns as the reference.")]
    public string? Current { get; init; }

    [CommandOption("--target <COLUMN>")]
    public string? Target { get; init; }

    [CommandOption("--prediction <COLUMN>")]
    public string? Prediction { get; init; }

    [CommandOption("--prediction-probas <COLUMNS>")]
    [Description("Comma-separated per-class probability columns.")]
    public string? PredictionProbabilities { get; init; }

    [CommandOption("--id <COLUMN>")]
    public string? Id { get; init; }

    [CommandOption("--timestamp <COLUMN>")]
    public string? Timestamp { get; init; }

    [CommandOption("--window <WINDOW>")]
    [Description("Also compute every section per window of the current data: day, week, month (UTC, by --timestamp) or a number of rows.")]
    public string? Window { get; init; }

    [CommandOption("--numerical <COLUMNS>")]
    [Description("Comma-separated numerical features (otherwise inferred).")]
    public string? Numerical { get; init; }

    [CommandOption("--categorical <COLUMNS>")]
    [Description("Comma-separated categorical features (otherwise inferred).")]
    public string? Categorical { get; init; }

    [CommandOption("--preset <PRESET>")]
    [Description("drift, quality, classification, regression or all (default).")]
    public string? Preset { get; init; }

    [CommandOption("--task <TASK>")]
    [Description("classification or regression (otherwise inferred from the target).")]
    public string? Task { get; init; }

    [CommandOption("--pos-label <LABEL>")]
    [Description("Positive class of a binary classification (default: 1 when it is a label).")]
    public string? PositiveLabel { get; init; }

    [CommandOption("--log-to-run <RUN_ID>")]
    [Description("Log the key numbers as metrics and the report (HTML and JSON) as artifacts of this run.")]
    public string? LogToRun { get; init; }

    [CommandOption("--experiment <NAME>")]
    [Description("Log to a new run in this experiment (created when missing) instead of --log-to-run.")]
    public string? Experiment { get; init; }

    [CommandOption("--tracking-uri <URI>")]
    [Description("Tracking server for --log-to-run/--experiment. Default: FATHOM_TRACKING_URI, then MLFLOW_TRACKING_URI, then http://127.0.0.1:5000.")]
    public string? TrackingUri { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("html or json; by default from the output file's extension (html otherwise).")]
    public string? Format { get; init; }

    [CommandOption("-o|--output <PATH>")]
    public string? Output { get; init; }

    [CommandOption("--stattest <NAME>")]
    [Description("Drift test for every column (ks, wasserstein, psi, jensenshannon, chisquare, z, ...).")]
    public string? StatTest { get; init; }

    [CommandOption("--threshold <VALUE>")]
    [Description("Drift threshold for every column (otherwise each test's default).")]
    public double? Threshold { get; init; }

    [CommandOption("--drift-share <SHARE>")]
    [Description("Share of drifted columns from which the dataset drifted (default 0.5).")]
    [DefaultValue(0.5)]
    public double DriftShare { get; init; } = 0.5;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Reference)) return ValidationResult.Error("--reference is required.");
        if (string.IsNullOrWhiteSpace(Current)) return ValidationResult.Error("--current is required.");
        if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("-o|--output is required.");
        if (Preset is not (null or "drift" or "quality" or "classification" or "regression" or "all"))
            return ValidationResult.Error($"--preset '{Preset}' is unknown; use drift, quality, classification, regression or all.");
        return ValidateShared();
    }

    /// <summary>Checks shared by <c>report</c> and <c>test</c>.</summary>
    protected ValidationResult ValidateShared()
    {
        if (Format is not (null or "html" or "json")) return ValidationResult.Error($"--format '{Format}' is unknown; use html or json.");
        if (DriftShare is <= 0 or > 1) return ValidationResult.Error("--drift-share must be in (0, 1].");
        if (Task is not (null or "classification" or "regression")) return ValidationResult.Error($"--task '{Task}' is unknown; use classification or regression.");
        if (LogToRun is not null && Experiment is not null) return ValidationResult.Error("Use either --log-to-run or --experiment, not both.");
        return ValidationResult.Success();
    }

    public static IReadOnlyList<string>? List(string? value) =>
        value is null ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
