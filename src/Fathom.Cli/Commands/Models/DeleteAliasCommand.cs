using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Remove an alias from a registered model.")]
internal sealed class DeleteAliasCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<DeleteAliasCommand.Settings>
{
    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<ALIAS>")]
        [Description("The alias to remove.")]
        public string Alias { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        await ModelText.ModelAsync(client, settings.Name, ct);
        await client.DeleteRegisteredModelAliasAsync(settings.Name, settings.Alias, ct);
        if (settings.Json)
            Output.Json(console, new { name = settings.Name, alias = settings.Alias, deleted = true });
        else
            console.MarkupLineInterpolated($"Removed alias [bold]{settings.Alias}[/] from {settings.Name}.");
        return ExitCodes.Success;
    }
}
