using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Point ALIAS at VERSION of a registered model (moving it if it pointed elsewhere).")]
internal sealed class SetAliasCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<SetAliasCommand.Settings>
{
    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<ALIAS>")]
        [Description("The alias, e.g. champion.")]
        public string Alias { get; set; } = "";

        [CommandArgument(2, "<VERSION>")]
        [Description("The version number.")]
        public string Version { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        await client.SetRegisteredModelAliasAsync(settings.Name, settings.Alias, settings.Version, ct);
        if (settings.Json)
            Output.Json(console, new { name = settings.Name, alias = settings.Alias, version = settings.Version });
        else
            console.MarkupLineInterpolated($"models:/{settings.Name}@{settings.Alias} now points to version [bold]{settings.Version}[/].");
        return ExitCodes.Success;
    }
}
