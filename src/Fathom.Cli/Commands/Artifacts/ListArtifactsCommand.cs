using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Artifacts;

[Description("List a run's artifacts.")]
internal sealed class ListArtifactsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ListArtifactsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<RUN_ID>")]
        [Description("The run.")]
        public string RunId { get; set; } = "";

        [CommandArgument(1, "[PATH]")]
        [Description("Directory inside the run's artifacts. Default: the root.")]
        public string? Path { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        await Lookup.RunAsync(client, settings.RunId, ct);
        var files = await client.ListArtifactsAsync(settings.RunId, settings.Path, ct);
        if (settings.Json)
        {
            Output.Json(console, new { files });
            return ExitCodes.Success;
        }
        var table = Output.Table("Path", "Size");
        foreach (var file in files)
            table.Row(file.IsDir ? file.Path + "/" : file.Path, file.IsDir ? "" : Output.Bytes(file.FileSize));
        console.Write(table);
        return ExitCodes.Success;
    }
}
