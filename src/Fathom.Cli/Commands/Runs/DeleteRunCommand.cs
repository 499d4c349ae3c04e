using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Runs;

[Description("Delete runs (soft delete).")]
internal sealed class DeleteRunCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<DeleteRunCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<RUN_IDS>")]
        [Description("One or more run ids.")]
        public string[] RunIds { get; set; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        foreach (var id in settings.RunIds)
        {
            await Lookup.RunAsync(client, id, ct);
            await client.DeleteRunAsync(id, ct);
            if (!settings.Json)
                console.MarkupLineInterpolated($"Deleted run [bold]{id}[/].");
        }
        if (settings.Json)
            Output.Json(console, new { deleted_run_ids = settings.RunIds });
        return ExitCodes.Success;
    }
}
