using System.ComponentModel;
using System.Diagnostics;
using Fathom.Cli.Infrastructure;
using Fathom.Serving.Batch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Score a Parquet or CSV file with a model, streaming, without a server.")]
internal sealed class PredictCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<PredictCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--model-uri <URI>")]
        [Description("models:/name@alias, models:/name/3, runs:/<run_id>/model or a local model folder.")]
        public string ModelUri { get; set; } = "";

        [CommandOption("-i|--input <FILE>")]
        [Description("A .parquet or .csv file with the model's input columns.")]
        public string Input { get; set; } = "";

        [CommandOption("-o|--output <FILE>")]
        [Description("A .parquet or .csv file: the input columns plus prediction and output_* columns.")]
        public string Output { get; set; } = "";

        [CommandOption("--tracking-uri <URI>")]
        [Description("Tracking server for models:/ and runs:/ URIs. Default: MLFLOW_TRACKING_URI.")]
        public string? TrackingUri { get; set; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(ModelUri) || string.IsNullOrWhiteSpace(Input) || string.IsNullOrWhiteSpace(Output)
                ? ValidationResult.Error("--model-uri, --input and --output are required.")
                : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var model = await BatchModel.LoadAsync(settings.ModelUri, settings.TrackingUri ?? env.GetVariable("MLFLOW_TRACKING_URI"), ct);
        var watch = Stopwatch.StartNew();
        long rows;
        if (console.Profile.Capabilities.Interactive)
        {
            rows = await console.Progress().Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Scoring: 0 rows").IsIndeterminate();
                    return await BatchPredictor.RunAsync(model, settings.Input, settings.Output,
                        new Progress<long>(done => task.Description = $"Scoring: {done:N0} rows"), ct);
                });
        }
        else
        {
            // No terminal to redraw: one line per chunk.
            rows = await BatchPredictor.RunAsync(model, settings.Input, settings.Output,
                new Progress<long>(done => console.MarkupLineInterpolated($"{done:N0} rows scored")), ct);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        console.MarkupLineInterpolated($"Scored [bold]{rows:N0}[/] rows into {settings.Output} in {seconds:F1} s ({rows / Math.Max(seconds, 1e-9):N0} rows/s).");
        return ExitCodes.Success;
    }
}
