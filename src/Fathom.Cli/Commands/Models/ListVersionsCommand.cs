using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("List a model's versions (or, with --run-id, the versions made from a run), newest first, with stage, aliases and source run.")]
internal sealed class ListVersionsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ListVersionsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "[NAME]")]
        [Description("The registered model's name; optional with --run-id.")]
        public string? Name { get; set; }

        [CommandOption("--run-id <RUN_ID>")]
        [Description("Only the versions registered from this run (across all models when NAME is not given).")]
        public string? RunId { get; set; }

        public override ValidationResult Validate() => Name is null && RunId is null
            ? ValidationResult.Error("Give a model NAME, a --run-id, or both.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        List<ModelVersion> versions;
        if (settings.Name is { } name)
        {
            var model = await ModelText.ModelAsync(client, name, ct);
            versions = await SearchAsync(client, name, settings.RunId, ct);
            // Search results carry no aliases (as on MLflow servers); the model's alias list fills them in.
            versions = versions.ConvertAll(v => v with { Aliases = [.. model.Aliases.Where(a => a.Version == v.Version).Select(a => a.Alias)] });
        }
        else
        {
            versions = [.. await client.GetModelVersionsForRunAsync(settings.RunId!, ct)];
        }
        if (settings.Json)
        {
            Output.Json(console, new { model_versions = versions });
            return ExitCodes.Success;
        }
        var table = Output.Table("Model", "Version", "Stage", "Aliases", "Run", "Created", "Source");
        foreach (var v in versions)
            table.Row(v.Name, v.Version, v.CurrentStage, string.Join(", ", v.Aliases.Select(a => "@" + a)), v.RunId, Output.Time(v.CreationTimestamp), v.Source);
        console.Write(table);
        return ExitCodes.Success;
    }

    private static async Task<List<ModelVersion>> SearchAsync(FathomClient client, string name, string? runId, CancellationToken ct)
    {
        var versions = new List<ModelVersion>();
        string? token = null;
        var filter = $"name = '{Quote(name)}'" + (runId is null ? "" : $" AND run_id = '{Quote(runId)}'");
        do
        {
            var page = await client.SearchModelVersionsAsync(filter, ["version_number DESC"], 1000, token, ct);
            versions.AddRange(page.Items);
            token = page.NextPageToken;
        } while (token is not null);
        return versions;
    }

    private static string Quote(string value) => value.Replace("'", "\\'", StringComparison.Ordinal);
}
