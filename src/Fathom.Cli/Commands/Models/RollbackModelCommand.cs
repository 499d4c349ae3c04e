using System.ComponentModel;
using System.Text.Json;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Fathom.Core.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Move ALIAS back to the version it pointed to before its latest move, read from the audit trail.")]
internal sealed class RollbackModelCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<RollbackModelCommand.Settings>
{
    public sealed class Settings : ModelSettings
    {
        [CommandArgument(1, "<ALIAS>")]
        [Description("The alias to move back, e.g. champion.")]
        public string Alias { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var current = (await client.GetModelVersionByAliasAsync(settings.Name, settings.Alias, ct)).Version;
        var previous = await PreviousVersionAsync(client, settings, current, ct) ?? throw FathomException.InvalidParameter(
            $"models:/{settings.Name}@{settings.Alias} has no earlier version in the audit trail to roll back to; "
            + $"use 'fathom models alias set {settings.Name} {settings.Alias} VERSION' to choose one.");
        await client.SetRegisteredModelAliasAsync(settings.Name, settings.Alias, previous, ct);
        if (settings.Json)
            Output.Json(console, new { name = settings.Name, alias = settings.Alias, from_version = current, version = previous });
        else
            console.MarkupLineInterpolated($"models:/{settings.Name}@{settings.Alias} rolled back from version {current} to [bold]{previous}[/].");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The newest audit event that moved the alias onto its current version names where it was before. Running
    /// rollback twice therefore undoes the first rollback.
    /// </summary>
    private static async Task<string?> PreviousVersionAsync(FathomClient client, Settings settings, string current, CancellationToken ct)
    {
        var filter = new AuditFilter("registered_model_alias", $"{settings.Name}@{settings.Alias}");
        await foreach (var change in client.SearchAuditEventsAsync(filter, ct))
        {
            var after = VersionIn(change.After);
            var before = VersionIn(change.Before);
            if (after == current && before is not null && before != current) return before;
        }

        return null;
    }

    private static string? VersionIn(JsonElement? snapshot) =>
        snapshot is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("version", out var v) ? v.ToString() : null;
}
