using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("List registered models with their aliases and the newest version in each stage.")]
internal sealed class ListModelsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ListModelsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandOption("--filter <FILTER>")]
        [Description("MLflow filter, e.g. \"name LIKE 'churn%'\" or \"tags.team = 'growth'\".")]
        public string? Filter { get; set; }

        [CommandOption("--order-by <CLAUSE>")]
        [Description("e.g. \"timestamp DESC\". Repeatable. Default: by name.")]
        public string[] OrderBy { get; set; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var models = new List<RegisteredModel>();
        await foreach (var model in client.SearchAllRegisteredModelsAsync(settings.Filter, settings.OrderBy, ct))
            models.Add(model);
        if (settings.Json)
        {
            Output.Json(console, new { registered_models = models });
            return ExitCodes.Success;
        }
        var table = Output.Table("Name", "Latest versions", "Aliases", "Updated", "Description");
        foreach (var m in models)
            table.Row(m.Name, ModelText.LatestVersions(m), ModelText.Aliases(m.Aliases), Output.Time(m.LastUpdatedTimestamp), m.Description);
        console.Write(table);
        return ExitCodes.Success;
    }
}
