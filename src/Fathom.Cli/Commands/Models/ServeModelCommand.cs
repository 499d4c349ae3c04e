using System.ComponentModel;
using System.Globalization;
using Fathom.Cli.Infrastructure;
using Fathom.Core.Errors;
using Fathom.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

[Description("Serve a model over HTTP (MLflow scoring protocol and Open Inference Protocol v2) until Ctrl+C.")]
internal sealed class ServeModelCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ServeModelCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-m|--model-uri <URI>")]
        [Description("models:/name@alias, models:/name/3, runs:/<run_id>/model or a local model folder. Default: FATHOM_SERVE_MODEL_URI.")]
        public string? ModelUri { get; set; }

        [CommandOption("--host <ADDRESS>")]
        [Description("Address to listen on. Default: FATHOM_SERVE_HOST or 127.0.0.1 (only this machine).")]
        public string? Host { get; set; }

        [CommandOption("-p|--port <PORT>")]
        [Description("TCP port. Default: FATHOM_SERVE_PORT or 8080; 0 picks a free port.")]
        public int? Port { get; set; }

        [CommandOption("--tracking-uri <URI>")]
        [Description("Tracking server for models:/ and runs:/ URIs. Default: MLFLOW_TRACKING_URI.")]
        public string? TrackingUri { get; set; }

        [CommandOption("--poll-interval <SECONDS>")]
        [Description("How often to ask the registry where a models:/name@alias URI points. Default: 10.")]
        public double? PollSeconds { get; set; }

        [CommandOption("--no-prediction-log")]
        [Description("Do not record predictions (FATHOM_SERVE_PREDICTION_LOG=false).")]
        public bool NoPredictionLog { get; set; }

        [CommandOption("--prediction-log <URI>")]
        [Description("Folder or s3://bucket/prefix for the prediction log. Default: ./fathom-data/predictions.")]
        public string? PredictionLog { get; set; }

        [CommandOption("--prediction-log-sample <RATE>")]
        [Description("Share of requests logged, 0..1. Default: 1.")]
        public double? SampleRate { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var options = ServingOptions.FromEnvironment(env.GetVariable);
        options.ModelUri = settings.ModelUri ?? options.ModelUri;
        options.Host = settings.Host ?? options.Host;
        options.Port = settings.Port ?? options.Port;
        options.TrackingUri = settings.TrackingUri ?? options.TrackingUri;
        if (settings.PollSeconds is { } poll) options.RegistryPollInterval = TimeSpan.FromSeconds(poll);
        if (settings.NoPredictionLog) options.PredictionLogEnabled = false;
        options.PredictionLogDestination = settings.PredictionLog ?? options.PredictionLogDestination;
        options.PredictionLogSampleRate = settings.SampleRate ?? options.PredictionLogSampleRate;

        await using var app = ModelServer.Build(options);
        await app.StartAsync(ct);
        console.MarkupLineInterpolated($"Fathom model server for [bold]{options.ModelUri}[/] listening on [bold]{ModelServer.Address(app)}[/]");
        console.MarkupLine("  POST /invocations, /v2/models/<name>/infer; GET /health, /version, /metrics, /docs. Ctrl+C stops.");
        console.MarkupLineInterpolated(
            $"  prediction log: {(options.PredictionLogEnabled ? $"{options.PredictionLogDestination} (sample {options.PredictionLogSampleRate.ToString(CultureInfo.InvariantCulture)})" : "off")}");
        try
        {
            await app.WaitForShutdownAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C reached Spectre's token first: a normal stop.
        }
        await app.StopAsync(CancellationToken.None);
        if (ModelServer.StartupFailure(app) is { } failure)
            throw FathomException.InvalidParameter($"The model could not be served: {failure}");
        return ExitCodes.Success;
    }
}
