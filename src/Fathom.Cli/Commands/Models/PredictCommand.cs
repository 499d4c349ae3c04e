using System.ComponentModel;
using System.Diagnostics;
using Fathom.Cli.Infrastructure;
using Fathom.Models;
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

        [CommandOption("--keep-columns <COLUMNS>")]
        [Description("Input columns to copy beside the predictions, comma-separated (e.g. an id to join on); 'none' for the predictions alone. Default: every input column.")]
        public string? KeepColumns { get; set; }

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
        // The model loads on its own thread while the first chunk is read: loading ML.NET and checking the direct
        // tree scorer takes about as long as decoding a row group.
        var watch = Stopwatch.StartNew();
        var trackingUri = settings.TrackingUri ?? env.GetVariable("MLFLOW_TRACKING_URI");
        var loading = Task.Run(() => BatchModel.LoadAsync(settings.ModelUri, trackingUri, ct), ct);
        try
        {
            return await RunAsync(loading, settings, Options(settings), watch, ct);
        }
        finally
        {
            if (await LoadedOrNull(loading) is { } model) model.Dispose();
        }
    }

    /// <summary>The model once loaded, or null when loading failed (that failure is what the scoring run reports).</summary>
    private static async Task<IModel?> LoadedOrNull(Task<IModel> loading)
    {
        try
        {
            return await loading;
        }
        catch (Exception) when (loading.IsFaulted || loading.IsCanceled)
        {
            return null;
        }
    }

    private static BatchOptions Options(Settings settings) => settings.KeepColumns switch
    {
        null => BatchOptions.Default,
        var text when text.Trim() is "none" or "" => new BatchOptions { KeepColumns = [] },
        var text => new BatchOptions { KeepColumns = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) },
    };

    private async Task<int> RunAsync(Task<IModel> model, Settings settings, BatchOptions options, Stopwatch watch, CancellationToken ct)
    {
        long rows;
        if (console.Profile.Capabilities.Interactive)
        {
            rows = await console.Progress().Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Scoring: 0 rows").IsIndeterminate();
                    return await BatchPredictor.RunAsync(model, settings.Input, settings.Output, options,
                        new Progress<long>(done => task.Description = $"Scoring: {done:N0} rows"), ct);
                });
        }
        else
        {
            // No terminal to redraw: one line per chunk.
            rows = await BatchPredictor.RunAsync(model, settings.Input, settings.Output, options,
                new Progress<long>(done => console.MarkupLineInterpolated($"{done:N0} rows scored")), ct);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        console.MarkupLineInterpolated($"Scored [bold]{rows:N0}[/] rows into {settings.Output} in {seconds:F1} s ({rows / Math.Max(seconds, 1e-9):N0} rows/s).");
        return ExitCodes.Success;
    }
}
