using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Serving.PredictionLog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Join ground-truth labels onto a model's prediction log (by request id or an id column) for performance monitoring.")]
internal sealed class LogLabelsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<LogLabelsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--model <NAME>")]
        [Description("The model name, as in the prediction log's folder.")]
        public string Model { get; set; } = "";

        [CommandOption("-i|--input <FILE>")]
        [Description("Labels: .csv, .parquet or .json with the id column and the label column.")]
        public string Input { get; set; } = "";

        [CommandOption("--id-column <NAME>")]
        [Description("Column holding the request id (or a row id that is also an input column). Default: request_id.")]
        public string IdColumn { get; set; } = "request_id";

        [CommandOption("--label-column <NAME>")]
        [Description("Column holding the ground truth. Default: label.")]
        public string LabelColumn { get; set; } = "label";

        [CommandOption("--prediction-log <DIR>")]
        [Description("The prediction log: a folder or s3://bucket/prefix. Default: FATHOM_SERVE_PREDICTION_LOG_DESTINATION or ./fathom-data/predictions.")]
        public string? PredictionLog { get; set; }

        public override ValidationResult Validate() => string.IsNullOrWhiteSpace(Model) || string.IsNullOrWhiteSpace(Input)
            ? ValidationResult.Error("--model and --input are required.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var log = settings.PredictionLog ?? env.GetVariable("FATHOM_SERVE_PREDICTION_LOG_DESTINATION") ?? "./fathom-data/predictions";
        var result = await LabelJoiner.JoinAsync(log, settings.Model, settings.Input, settings.IdColumn, settings.LabelColumn, ct: ct);
        console.MarkupLineInterpolated($"{result.Labels:N0} labels: {result.Joined:N0} logged rows joined, {result.UnmatchedLabels:N0} labels matched no logged row.");
        if (result.Output is not null) console.MarkupLineInterpolated($"Labeled rows written to [bold]{result.Output}[/].");
        return ExitCodes.Success;
    }
}
