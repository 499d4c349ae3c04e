using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Users;

[Description("Create a user (admins only).")]
internal sealed class CreateUserCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<CreateUserCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<USERNAME>")]
        public string Username { get; set; } = "";

        [CommandOption("--password <PASSWORD>")]
        [Description("The new user's password (at least 8 characters). Default: FATHOM_NEW_USER_PASSWORD.")]
        public string? Password { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var password = PasswordSource.Resolve(settings.Password, env, "FATHOM_NEW_USER_PASSWORD");
        using var client = env.CreateClient(settings.TrackingUri);
        var user = await client.CreateUserAsync(settings.Username, password, ct);
        if (settings.Json)
            Output.Json(console, new { user = new { user.Id, user.Username, user.IsAdmin } });
        else
            console.MarkupLineInterpolated($"Created user [bold]{user.Username}[/] (id {user.Id}).");
        return ExitCodes.Success;
    }
}
