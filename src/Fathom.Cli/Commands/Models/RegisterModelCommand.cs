using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Register a logged model (runs:/RUN_ID/PATH) as a new version of NAME, creating the model if needed.")]
internal sealed class RegisterModelCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<RegisterModelCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<MODEL_URI>")]
        [Description("Where the model is, e.g. runs:/RUN_ID/model (or another model URI, e.g. models:/other/2).")]
        public string ModelUri { get; set; } = "";

        [CommandArgument(1, "<NAME>")]
        [Description("The registered model to add a version to.")]
        public string Name { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var version = await client.RegisterModelAsync(settings.ModelUri, settings.Name, ct: ct);
        if (settings.Json)
            Output.Json(console, new { model_version = version });
        else
            console.MarkupLineInterpolated($"Registered [bold]{version.Name}[/] version [bold]{version.Version}[/] (models:/{version.Name}/{version.Version}) from {version.Source}.");
        return ExitCodes.Success;
    }
}
