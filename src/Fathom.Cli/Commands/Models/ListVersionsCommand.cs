using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("List a registered model's versions, newest first, with their stage, aliases and source run.")]
internal sealed class ListVersionsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ModelSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ModelSettings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var model = await ModelText.ModelAsync(client, settings.Name, ct);
        var versions = new List<ModelVersion>();
        string? token = null;
        var filter = $"name = '{settings.Name.Replace("'", "\\'", StringComparison.Ordinal)}'";
        do
        {
            var page = await client.SearchModelVersionsAsync(filter, ["version_number DESC"], 1000, token, ct);
            versions.AddRange(page.Items);
            token = page.NextPageToken;
        } while (token is not null);

        // Search results carry no aliases (as on MLflow servers); the model's alias list fills them in.
        versions = versions.ConvertAll(v => v with { Aliases = [.. model.Aliases.Where(a => a.Version == v.Version).Select(a => a.Alias)] });
        if (settings.Json)
        {
            Output.Json(console, new { model_versions = versions });
            return ExitCodes.Success;
        }
        var table = Output.Table("Version", "Stage", "Aliases", "Run", "Created", "Source");
        foreach (var v in versions)
            table.Row(v.Version, v.CurrentStage, ModelText.AliasesOf(model, v.Version), v.RunId, Output.Time(v.CreationTimestamp), v.Source);
        console.Write(table);
        return ExitCodes.Success;
    }
}
