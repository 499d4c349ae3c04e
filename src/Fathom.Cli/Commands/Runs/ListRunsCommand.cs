using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Runs;

[Description("List the runs of an experiment.")]
internal sealed class ListRunsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ListRunsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandOption("-e|--experiment <EXPERIMENT>")]
        [Description("Experiment id or name. Default: 0 (the Default experiment).")]
        [DefaultValue("0")]
        public string Experiment { get; set; } = "0";

        [CommandOption("--filter <FILTER>")]
        [Description("MLflow filter, e.g. \"metrics.acc > 0.9 and params.lr = '0.01'\".")]
        public string? Filter { get; set; }

        [CommandOption("--order-by <CLAUSE>")]
        [Description("Ordering, e.g. \"metrics.acc DESC\"; repeat for several.")]
        public string[] OrderBy { get; set; } = [];

        [CommandOption("--max-results <N>")]
        [Description("Most runs to show.")]
        [DefaultValue(100)]
        public int MaxResults { get; set; } = 100;

        [CommandOption("--view <VIEW>")]
        [Description("ActiveOnly (default), DeletedOnly or All.")]
        [DefaultValue(ViewType.ActiveOnly)]
        public ViewType View { get; set; } = ViewType.ActiveOnly;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var experiment = await Lookup.ExperimentAsync(client, settings.Experiment, ct);
        var page = await client.SearchRunsAsync([experiment.ExperimentId], settings.Filter,
            settings.OrderBy.Length > 0 ? settings.OrderBy : null, settings.View, settings.MaxResults, ct: ct);
        if (settings.Json)
        {
            Output.Json(console, new { runs = page.Items, next_page_token = page.NextPageToken });
            return ExitCodes.Success;
        }
        var table = Output.Table("Run ID", "Name", "Status", "Started", "Duration");
        foreach (var run in page.Items)
        {
            var info = run.Info;
            table.Row(info.RunId, info.RunName, Output.Status(info.Status), Output.Time(info.StartTime), Output.Duration(info.StartTime, info.EndTime));
        }
        console.Write(table);
        if (page.NextPageToken is not null)
            console.MarkupLine("[grey]More runs match: raise --max-results or narrow --filter.[/]");
        return ExitCodes.Success;
    }
}
