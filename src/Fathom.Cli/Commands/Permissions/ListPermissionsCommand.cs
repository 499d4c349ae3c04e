using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Permissions;

[Description("List a user's explicit grants (yourself, or anyone as an admin).")]
internal sealed class ListPermissionsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ListPermissionsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<USERNAME>")]
        public string Username { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var user = await client.GetUserAsync(settings.Username, ct);
        if (settings.Json)
        {
            Output.Json(console, new { experiment_permissions = user.ExperimentPermissions, registered_model_permissions = user.RegisteredModelPermissions });
            return ExitCodes.Success;
        }
        var table = Output.Table("Resource", "Id / name", "Permission");
        foreach (var p in user.ExperimentPermissions)
            table.Row("experiment", p.ExperimentId, p.Permission);
        foreach (var p in user.RegisteredModelPermissions)
            table.Row("registered model", p.Name, p.Permission);
        console.Write(table);
        if (user.IsAdmin)
            console.MarkupLineInterpolated($"[grey]{user.Username} is an admin: every permission applies.[/]");
        return ExitCodes.Success;
    }
}
