using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Users;

[Description("List users with their admin flag and number of grants (admins only).")]
internal sealed class ListUsersCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ClientSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClientSettings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var users = await client.ListUsersAsync(ct);
        if (settings.Json)
        {
            Output.Json(console, new { users });
            return ExitCodes.Success;
        }
        var table = Output.Table("ID", "Username", "Admin", "Experiment grants", "Model grants");
        foreach (var u in users)
            table.Row(u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Username, u.IsAdmin ? "yes" : "",
                u.ExperimentPermissions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                u.RegisteredModelPermissions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
        return ExitCodes.Success;
    }
}
