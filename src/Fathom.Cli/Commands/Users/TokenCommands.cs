using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Users;

[Description("Create an API token for yourself; it is shown once.")]
internal sealed class CreateTokenCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<CreateTokenCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("A label to recognise the token by (e.g. ci, laptop).")]
        public string? Name { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var created = await client.CreateApiTokenAsync(settings.Name, ct);
        if (settings.Json)
        {
            Output.Json(console, created);
            return ExitCodes.Success;
        }
        console.MarkupLineInterpolated($"Token [bold]{created.TokenInfo.TokenId}[/] created. Copy it now, it is not shown again:");
        console.Profile.Out.Writer.WriteLine(created.Token);
        console.MarkupLine("[grey]Use it as MLFLOW_TRACKING_TOKEN.[/]");
        return ExitCodes.Success;
    }
}

[Description("List your API tokens (ids and labels; never the secrets).")]
internal sealed class ListTokensCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ClientSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClientSettings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var tokens = await client.ListApiTokensAsync(ct);
        if (settings.Json)
        {
            Output.Json(console, new { tokens });
            return ExitCodes.Success;
        }
        var table = Output.Table("Token id", "Name", "Created", "Revoked");
        foreach (var t in tokens)
            table.Row(t.TokenId, t.Name, Output.Time(t.CreationTime), Output.Time(t.RevokedTime));
        console.Write(table);
        return ExitCodes.Success;
    }
}

[Description("Revoke one of your API tokens by id.")]
internal sealed class RevokeTokenCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<RevokeTokenCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<TOKEN_ID>")]
        public string TokenId { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        await client.RevokeApiTokenAsync(settings.TokenId, ct);
        if (settings.Json)
            Output.Json(console, new { token_id = settings.TokenId, revoked = true });
        else
            console.MarkupLineInterpolated($"Revoked token [bold]{settings.TokenId}[/].");
        return ExitCodes.Success;
    }
}
