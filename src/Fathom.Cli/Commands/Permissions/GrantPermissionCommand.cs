using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Permissions;

[Description("Give a user READ, EDIT, MANAGE or NO_PERMISSIONS on an experiment or a registered model (replaces an earlier grant).")]
internal sealed class GrantPermissionCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<GrantPermissionCommand.Settings>
{
    public sealed class Settings : PermissionTargetSettings
    {
        [CommandArgument(1, "<PERMISSION>")]
        [Description("READ, EDIT, MANAGE or NO_PERMISSIONS.")]
        public string Permission { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var permission = settings.Permission.ToUpperInvariant();
        string target;
        if (settings.Experiment is { } experiment)
        {
            var id = (await Lookup.ExperimentAsync(client, experiment, ct)).ExperimentId;
            await client.GrantExperimentPermissionAsync(id, settings.Username, permission, ct);
            target = $"experiment {id}";
        }
        else
        {
            await client.GrantRegisteredModelPermissionAsync(settings.Model!, settings.Username, permission, ct);
            target = $"registered model {settings.Model}";
        }
        if (settings.Json)
            Output.Json(console, new { username = settings.Username, target, permission });
        else
            console.MarkupLineInterpolated($"{settings.Username} now has {permission} on {target}.");
        return ExitCodes.Success;
    }
}

[Description("Remove a user's grant on an experiment or registered model; the server's default permission applies again.")]
internal sealed class RevokePermissionCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<PermissionTargetSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PermissionTargetSettings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        string target;
        if (settings.Experiment is { } experiment)
        {
            var id = (await Lookup.ExperimentAsync(client, experiment, ct)).ExperimentId;
            await client.RevokeExperimentPermissionAsync(id, settings.Username, ct);
            target = $"experiment {id}";
        }
        else
        {
            await client.RevokeRegisteredModelPermissionAsync(settings.Model!, settings.Username, ct);
            target = $"registered model {settings.Model}";
        }
        if (settings.Json)
            Output.Json(console, new { username = settings.Username, target, revoked = true });
        else
            console.MarkupLineInterpolated($"Removed {settings.Username}'s grant on {target}.");
        return ExitCodes.Success;
    }
}
