using System.ComponentModel;
using System.Diagnostics;
using Fathom.Cli.Infrastructure;
using Fathom.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Train;

/// <summary><c>fathom train</c>: parses, runs <see cref="TrainingJob"/> with a progress display, renders the result.</summary>
[Description("Train an ML.NET model from a CSV or Parquet file, evaluate it, log it to a run and optionally register it.")]
internal sealed class TrainCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<TrainSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var request = settings.ToRequest();
        using var client = environment.CreateClient(settings.TrackingUri);
        var watch = Stopwatch.StartNew();
        var result = await TrainProgress.RunAsync(console, settings.Json,
            onStage => TrainingJob.RunAsync(request, client, onStage, cancellationToken));
        if (settings.Json)
        {
            var json = new Dictionary<string, object?>
            {
                ["run_id"] = result.RunId,
                ["model_uri"] = result.ModelUri,
                ["metrics"] = result.Metrics,
            };
            if (result.RegisteredVersion is not null) json["registered_version"] = result.RegisteredVersion;
            if (result.BestRunId is not null) json["best_run_id"] = result.BestRunId;
            Output.Json(console, json);
            return ExitCodes.Success;
        }
        TrainSummary.Write(console, request, result, watch.Elapsed);
        return ExitCodes.Success;
    }
}
