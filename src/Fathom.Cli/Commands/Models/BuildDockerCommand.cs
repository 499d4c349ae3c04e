using System.ComponentModel;
using System.Diagnostics;
using Fathom.Cli.Infrastructure;
using Fathom.Core.Errors;
using Fathom.Serving.Deployment;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Build a Docker image serving a model (needs a Docker engine; says so clearly when there is none).")]
internal sealed class BuildDockerCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<BuildDockerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--model-uri <URI>")]
        [Description("models:/name@alias, models:/name/3, runs:/<run_id>/model or a local model folder.")]
        public string ModelUri { get; set; } = "";

        [CommandOption("-n|--name <IMAGE>")]
        [Description("Image name and tag, e.g. churn:3.")]
        public string Name { get; set; } = "";

        [CommandOption("--source <DIR>")]
        [Description("The Fathom source folder (holding Fathom.slnx). Default: found above the current folder.")]
        public string? Source { get; set; }

        public override ValidationResult Validate() => string.IsNullOrWhiteSpace(ModelUri) || string.IsNullOrWhiteSpace(Name)
            ? ValidationResult.Error("--model-uri and --name are required.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var docker = FindDocker(env.GetVariable("PATH"))
            ?? throw new FathomException(ErrorCode.FEATURE_DISABLED,
                "No Docker engine here: the 'docker' command is not on PATH. Write the build context with " +
                "`fathom models generate-dockerfile` and build it on a machine with Docker.");
        var contextDir = Directory.CreateTempSubdirectory("fathom-docker-").FullName;
        try
        {
            await DockerContext.WriteAsync(settings.ModelUri, env.GetVariable("MLFLOW_TRACKING_URI"), contextDir, settings.Source, ct);
            console.MarkupLineInterpolated($"docker build -t {settings.Name} {contextDir}");
            using var process = Process.Start(new ProcessStartInfo(docker, ["build", "-t", settings.Name, contextDir]))!;
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new FathomException(ErrorCode.INTERNAL_ERROR, $"docker build failed with exit code {process.ExitCode} (is the Docker engine running?).");
            console.MarkupLineInterpolated($"Built image [bold]{settings.Name}[/]. Run it with: docker run -p 8080:8080 {settings.Name}");
            return ExitCodes.Success;
        }
        finally
        {
            Directory.Delete(contextDir, recursive: true);
        }
    }

    internal static string? FindDocker(string? path) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "docker"))
            .FirstOrDefault(File.Exists);
}
