using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Server;
using Fathom.Server.Governance;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Users;

[Description("Create an admin directly in the backend store (for the first admin, before any server runs with --auth).")]
internal sealed class CreateAdminCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<CreateAdminCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<USERNAME>")]
        public string Username { get; set; } = "";

        [CommandOption("--password <PASSWORD>")]
        [Description("The admin's password (at least 8 characters). Default: FATHOM_ADMIN_PASSWORD.")]
        public string? Password { get; set; }

        [CommandOption("--backend-store-uri <URI>")]
        [Description("The server's store. Default: FATHOM_BACKEND_STORE_URI or sqlite:///fathom-data/fathom.db.")]
        public string? BackendStoreUri { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var password = PasswordSource.Resolve(settings.Password, env, "FATHOM_ADMIN_PASSWORD");
        var storeUri = settings.BackendStoreUri ?? FathomServerOptions.FromEnvironment(env.GetVariable).BackendStoreUri;
        await FathomAdmin.CreateAdminAsync(storeUri, settings.Username, password, ct);
        console.MarkupLineInterpolated($"Created admin [bold]{settings.Username}[/] in {storeUri}.");
        return ExitCodes.Success;
    }
}
