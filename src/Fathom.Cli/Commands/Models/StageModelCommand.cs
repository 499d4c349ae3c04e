using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Move a version to a stage: None, Staging, Production or Archived (aliases are the recommended way).")]
internal sealed class StageModelCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<StageModelCommand.Settings>
{
    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<VERSION>")]
        [Description("The version number.")]
        public string Version { get; set; } = "";

        [CommandArgument(2, "<STAGE>")]
        [Description("None, Staging, Production or Archived (any case).")]
        public string Stage { get; set; } = "";

        [CommandOption("--archive-existing")]
        [Description("Archive the other versions in that stage (Staging or Production only).")]
        public bool ArchiveExisting { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var version = await client.TransitionModelVersionStageAsync(settings.Name, settings.Version, settings.Stage, settings.ArchiveExisting, ct);
        if (settings.Json)
            Output.Json(console, new { model_version = version });
        else
            console.MarkupLineInterpolated($"{version.Name} version [bold]{version.Version}[/] is now in [bold]{version.CurrentStage}[/].");
        return ExitCodes.Success;
    }
}
