using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Artifacts;

[Description("Upload a file, or a directory's contents, to a run's artifacts.")]
internal sealed class UploadArtifactsCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<UploadArtifactsCommand.Settings>
{
    public sealed class Settings : ClientSettings
    {
        [CommandArgument(0, "<RUN_ID>")]
        [Description("The run.")]
        public string RunId { get; set; } = "";

        [CommandArgument(1, "<LOCAL_PATH>")]
        [Description("A file or directory.")]
        public string LocalPath { get; set; } = "";

        [CommandOption("--artifact-path <PATH>")]
        [Description("Directory inside the run's artifacts. Default: the root.")]
        public string? ArtifactPath { get; set; }

        public override ValidationResult Validate() => File.Exists(LocalPath) || Directory.Exists(LocalPath)
            ? ValidationResult.Success()
            : ValidationResult.Error($"'{LocalPath}' does not exist: give a file or directory to upload.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        using var client = env.CreateClient(settings.TrackingUri);
        await Lookup.RunAsync(client, settings.RunId, ct);
        var files = await TransferDisplay.RunAsync(console, settings.Json, progress =>
            client.LogArtifactAsync(settings.RunId, settings.LocalPath, settings.ArtifactPath, progress, ct));
        if (settings.Json)
            Output.Json(console, new { run_id = settings.RunId, uploaded = files.Select(f => new { path = f.Path, file_size = f.BytesTransferred }) });
        else
            console.MarkupLineInterpolated($"Uploaded {files.Count} file(s) to run [bold]{settings.RunId}[/].");
        return ExitCodes.Success;
    }
}
