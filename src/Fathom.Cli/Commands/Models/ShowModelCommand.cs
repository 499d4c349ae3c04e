using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Show a registered model (description, aliases, tags, newest version per stage), or with --version one version's lineage.")]
internal sealed class ShowModelCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ShowModelSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ShowModelSettings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        if (settings.Version is { } version)
            return await VersionLineageView.ShowAsync(console, client, settings.Name, version, settings.Json, ct);
        var model = await ModelText.ModelAsync(client, settings.Name, ct);
        if (settings.Json)
        {
            Output.Json(console, new { registered_model = model });
            return ExitCodes.Success;
        }
        var summary = new Grid().AddColumn().AddColumn();
        foreach (var (label, value) in new[]
        {
            ("Model", model.Name), ("Description", model.Description), ("Created", Output.Time(model.CreationTimestamp)),
            ("Updated", Output.Time(model.LastUpdatedTimestamp)), ("Aliases", ModelText.Aliases(model.Aliases)),
        })
        {
            summary.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(value ?? ""));
        }
        console.Write(summary);

        var latest = Output.Table("Stage", "Version", "Run", "Source");
        foreach (var v in model.LatestVersions)
            latest.Row(v.CurrentStage, v.Version, v.RunId, v.Source);
        var tags = Output.Table("Tag", "Value");
        foreach (var t in model.Tags)
            tags.Row(t.Key, t.Value);
        console.Write(latest);
        console.Write(tags);
        return ExitCodes.Success;
    }
}
