using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Experiments;

[Description("Create an experiment and print its id.")]
internal sealed class CreateExperimentCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<CreateExperimentCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("Unique experiment name.")]
        public string Name { get; set; } = "";

        [CommandOption("--artifact-location <URI>")]
        [Description("Where the experiment's artifacts go. Default: chosen by the server.")]
        public string? ArtifactLocation { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        string id;
        try
        {
            id = await client.CreateExperimentAsync(settings.Name, settings.ArtifactLocation, ct: ct);
        }
        catch (Client.FathomResourceAlreadyExistsException e)
        {
            throw new CliError($"Experiment '{settings.Name}' already exists.",
                "Pick another name, or restore it with `fathom experiments restore` if it was deleted.", e);
        }
        if (settings.Json)
            Output.Json(console, new { experiment_id = id, name = settings.Name });
        else
            console.MarkupLineInterpolated($"Created experiment [bold]{settings.Name}[/] with id [bold]{id}[/].");
        return ExitCodes.Success;
    }
}
