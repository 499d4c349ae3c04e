using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Artifacts;

[Description("Download a run's artifacts (one file, a directory, or everything).")]
internal sealed class DownloadArtifactsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<DownloadArtifactsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<RUN_ID>")]
        [Description("The run.")]
        public string RunId { get; set; } = "";

        [CommandArgument(1, "[ARTIFACT_PATH]")]
        [Description("File or directory inside the run's artifacts. Default: everything.")]
        public string? ArtifactPath { get; set; }

        [CommandOption("-o|--output <DIR>")]
        [Description("Local directory to download into.")]
        [DefaultValue(".")]
        public string Output { get; set; } = ".";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        await Lookup.RunAsync(client, settings.RunId, ct);
        var local = "";
        try
        {
            var files = await TransferDisplay.RunAsync(console, settings.Json, async progress =>
                local = await client.DownloadArtifactsAsync(settings.RunId, settings.ArtifactPath, settings.Output, progress, ct));
            if (settings.Json)
                Commands.Output.Json(console, new { run_id = settings.RunId, local_path = Path.GetFullPath(local), files = files.Select(f => f.Path) });
            else
                console.MarkupLineInterpolated($"Downloaded {files.Count} file(s) to [bold]{Path.GetFullPath(local)}[/].");
        }
        catch (FathomResourceNotFoundException e)
        {
            throw new CliError($"Run '{settings.RunId}' has no artifact '{settings.ArtifactPath}'.",
                $"See what it has with `fathom artifacts list {settings.RunId}`.", e);
        }
        return ExitCodes.Success;
    }
}
