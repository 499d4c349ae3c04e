using System.ComponentModel;
using Fathom.Cli.Commands.Artifacts;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Download a model's files: models:/NAME/VERSION, models:/NAME@ALIAS, models:/NAME/STAGE, models:/NAME/latest or runs:/RUN_ID/PATH.")]
internal sealed class DownloadModelCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<DownloadModelCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<MODEL_URI>")]
        [Description("The model URI.")]
        public string ModelUri { get; set; } = "";

        [CommandArgument(1, "<DIR>")]
        [Description("Local directory; the model folder's files land directly in it.")]
        public string Directory { get; set; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        Fathom.Client.ModelLocation? location = null;
        var files = await TransferDisplay.RunAsync(console, settings.Json, async progress =>
            location = await client.DownloadModelAsync(settings.ModelUri, settings.Directory, progress, ct));
        var local = Path.GetFullPath(settings.Directory);
        if (settings.Json)
        {
            Output.Json(console, new
            {
                model_uri = settings.ModelUri, name = location!.Name, version = location.Version, run_id = location.RunId,
                artifact_uri = location.ArtifactUri, local_path = local, files = files.Select(f => f.Path),
            });
        }
        else
        {
            var what = location!.Version is null ? location.ArtifactUri : $"{location.Name} version {location.Version}";
            console.MarkupLineInterpolated($"Downloaded {files.Count} file(s) of {what} to [bold]{local}[/].");
        }
        return ExitCodes.Success;
    }
}
