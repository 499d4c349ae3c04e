using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Experiments;

[Description("Restore a deleted experiment and its runs.")]
internal sealed class RestoreExperimentCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<RestoreExperimentCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<EXPERIMENT>")]
        [Description("Experiment id or name.")]
        public string Experiment { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var experiment = await Lookup.ExperimentAsync(client, settings.Experiment, ct);
        await client.RestoreExperimentAsync(experiment.ExperimentId, ct);
        if (settings.Json)
            Output.Json(console, new { experiment_id = experiment.ExperimentId, lifecycle_stage = "active" });
        else
            console.MarkupLineInterpolated($"Restored experiment {experiment.ExperimentId} ([bold]{experiment.Name}[/]).");
        return ExitCodes.Success;
    }
}
