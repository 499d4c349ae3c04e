using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Users;

[Description("Delete a user with their API tokens and permissions (admins only).")]
internal sealed class DeleteUserCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<DeleteUserCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<USERNAME>")]
        public string Username { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        await client.DeleteUserAsync(settings.Username, ct);
        if (settings.Json)
            Output.Json(console, new { username = settings.Username, deleted = true });
        else
            console.MarkupLineInterpolated($"Deleted user [bold]{settings.Username}[/].");
        return ExitCodes.Success;
    }
}
