using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Artifacts;

internal static class ArtifactsBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("Upload, download and list run artifacts through the tracking server.");
        branch.AddCommand<UploadArtifactsCommand>("upload").WithExample("artifacts", "upload", "RUN_ID", "model.zip", "--artifact-path", "model");
        branch.AddCommand<DownloadArtifactsCommand>("download").WithExample("artifacts", "download", "RUN_ID", "model", "-o", "./out");
        branch.AddCommand<ListArtifactsCommand>("list");
    }
}
