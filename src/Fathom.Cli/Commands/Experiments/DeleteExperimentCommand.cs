using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Experiments;

[Description("Delete an experiment and its runs (soft delete: `fathom experiments restore` undoes it).")]
internal sealed class DeleteExperimentCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<DeleteExperimentCommand.Settings>
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
        await client.DeleteExperimentAsync(experiment.ExperimentId, ct);
        if (settings.Json)
            Output.Json(console, new { experiment_id = experiment.ExperimentId, lifecycle_stage = "deleted" });
        else
            console.MarkupLineInterpolated($"Deleted experiment {experiment.ExperimentId} ([bold]{experiment.Name}[/]). Undo with `fathom experiments restore {experiment.ExperimentId}`.");
        return ExitCodes.Success;
    }
}
