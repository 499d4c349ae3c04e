using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Experiments;

[Description("Rename an experiment.")]
internal sealed class RenameExperimentCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<RenameExperimentCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<EXPERIMENT>")]
        [Description("Experiment id or current name.")]
        public string Experiment { get; set; } = "";

        [CommandArgument(1, "<NEW_NAME>")]
        [Description("The new, unique name.")]
        public string NewName { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var experiment = await Lookup.ExperimentAsync(client, settings.Experiment, ct);
        await client.RenameExperimentAsync(experiment.ExperimentId, settings.NewName, ct);
        if (settings.Json)
            Output.Json(console, new { experiment_id = experiment.ExperimentId, name = settings.NewName });
        else
            console.MarkupLineInterpolated($"Renamed experiment {experiment.ExperimentId} from [bold]{experiment.Name}[/] to [bold]{settings.NewName}[/].");
        return ExitCodes.Success;
    }
}
