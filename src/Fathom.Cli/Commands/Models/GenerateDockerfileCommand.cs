using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Serving.Deployment;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Write a Docker build context for a model: multi-stage Dockerfile, .dockerignore, the model and the Fathom sources.")]
internal sealed class GenerateDockerfileCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<GenerateDockerfileCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--model-uri <URI>")]
        [Description("models:/name@alias, models:/name/3, runs:/<run_id>/model or a local model folder.")]
        public string ModelUri { get; set; } = "";

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder to write the build context into. Default: ./fathom-docker.")]
        public string Output { get; set; } = "fathom-docker";

        [CommandOption("--source <DIR>")]
        [Description("The Fathom source folder (holding Fathom.slnx). Default: found above the current folder.")]
        public string? Source { get; set; }

        [CommandOption("--tracking-uri <URI>")]
        [Description("Tracking server for models:/ and runs:/ URIs. Default: MLFLOW_TRACKING_URI.")]
        public string? TrackingUri { get; set; }

        public override ValidationResult Validate() => string.IsNullOrWhiteSpace(ModelUri)
            ? ValidationResult.Error("--model-uri is required.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var dockerfile = await DockerContext.WriteAsync(settings.ModelUri, settings.TrackingUri ?? env.GetVariable("MLFLOW_TRACKING_URI"),
            settings.Output, settings.Source, ct);
        console.MarkupLineInterpolated($"Wrote [bold]{dockerfile}[/] and its build context.");
        console.MarkupLineInterpolated($"Build it with: docker build -t my-model {settings.Output}");
        return ExitCodes.Success;
    }
}
