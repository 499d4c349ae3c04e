using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Runs;

[Description("Show a run: its status, params, latest metrics and tags.")]
internal sealed class ShowRunCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ShowRunCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<RUN_ID>")]
        [Description("The run's id.")]
        public string RunId { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        var run = await Lookup.RunAsync(client, settings.RunId, ct);
        if (settings.Json)
        {
            Output.Json(console, new { run });
            return ExitCodes.Success;
        }
        var info = run.Info;
        var summary = new Grid().AddColumn().AddColumn();
        foreach (var (label, value) in new[]
        {
            ("Run", info.RunId), ("Name", info.RunName), ("Experiment", info.ExperimentId), ("Status", Output.Status(info.Status)),
            ("User", info.UserId), ("Started", Output.Time(info.StartTime)), ("Ended", Output.Time(info.EndTime)),
            ("Duration", Output.Duration(info.StartTime, info.EndTime)), ("Artifacts", info.ArtifactUri), ("Stage", info.LifecycleStage),
        })
        {
            summary.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(value ?? ""));
        }
        console.Write(summary);

        var parameters = Output.Table("Param", "Value");
        foreach (var p in run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            parameters.Row(p.Key, p.Value);
        var metrics = Output.Table("Metric", "Latest value", "Step");
        foreach (var m in run.Data.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            metrics.Row(m.Key, Output.Number(m.Value), m.Step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var tags = Output.Table("Tag", "Value");
        foreach (var t in run.Data.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            tags.Row(t.Key, t.Value);
        console.Write(parameters);
        console.Write(metrics);
        console.Write(tags);
        return ExitCodes.Success;
    }
}
