using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Experiments;

[Description("List experiments.")]
internal sealed class ListExperimentsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ListExperimentsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandOption("--view <VIEW>")]
        [Description("ActiveOnly (default), DeletedOnly or All.")]
        [DefaultValue(ViewType.ActiveOnly)]
        public ViewType View { get; set; } = ViewType.ActiveOnly;

        [CommandOption("--filter <FILTER>")]
        [Description("MLflow filter, e.g. \"name LIKE 'fraud%'\".")]
        public string? Filter { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var experiments = new List<Experiment>();
        await foreach (var experiment in client.SearchAllExperimentsAsync(settings.Filter, viewType: settings.View, ct: ct))
            experiments.Add(experiment);
        if (settings.Json)
        {
            Output.Json(console, new { experiments });
            return ExitCodes.Success;
        }
        var table = Output.Table("ID", "Name", "Stage", "Created", "Artifact location");
        foreach (var e in experiments)
            table.Row(e.ExperimentId, e.Name, e.LifecycleStage, Output.Time(e.CreationTime), e.ArtifactLocation);
        console.Write(table);
        return ExitCodes.Success;
    }
}
