using System.ComponentModel;
using Fathom.Cli.Infrastructure;
using Fathom.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Server;

[Description("Run the tracking server (MLflow REST API) in this process until Ctrl+C.")]
internal sealed class ServerCommand(IAnsiConsole console, CliEnvironment env) : AsyncCommand<ServerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--host <ADDRESS>")]
        [Description("Address to listen on. Default: FATHOM_HOST or 127.0.0.1 (only this machine).")]
        public string? Host { get; set; }

        [CommandOption("-p|--port <PORT>")]
        [Description("TCP port. Default: FATHOM_PORT or 5000; 0 picks a free port.")]
        public int? Port { get; set; }

        [CommandOption("--backend-store-uri <URI>")]
        [Description("sqlite:///path/to/fathom.db or postgresql://user:pass@host:port/db. Default: FATHOM_BACKEND_STORE_URI or sqlite:///fathom-data/fathom.db.")]
        public string? BackendStoreUri { get; set; }

        [CommandOption("--artifacts-destination <URI>")]
        [Description("A local folder or s3://bucket/prefix. Default: FATHOM_ARTIFACTS_DESTINATION or ./fathom-data/artifacts.")]
        public string? ArtifactsDestination { get; set; }

        [CommandOption("--auth")]
        [Description("Require credentials (HTTP Basic or an API token) and check permissions. Default: FATHOM_AUTH or off. Bootstrap an admin with FATHOM_ADMIN_USERNAME/FATHOM_ADMIN_PASSWORD or `fathom users create-admin`.")]
        public bool Auth { get; set; }

        [CommandOption("--default-permission <PERMISSION>")]
        [Description("With --auth: what users may do on resources they have no grant for (READ, EDIT, MANAGE, NO_PERMISSIONS). Default: FATHOM_AUTH_DEFAULT_PERMISSION or READ.")]
        public string? DefaultPermission { get; set; }

        [CommandOption("--workers <N>")]
        [Description("Accepted for MLflow compatibility. One Fathom process already serves requests on every core; to scale out, run several `fathom server` processes on one PostgreSQL store.")]
        public int? Workers { get; set; }

        public override ValidationResult Validate() => Workers is < 1
            ? ValidationResult.Error("--workers must be at least 1.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var options = FathomServerOptions.FromEnvironment(env.GetVariable);
        options.Host = settings.Host ?? options.Host;
        options.Port = settings.Port ?? options.Port;
        options.BackendStoreUri = settings.BackendStoreUri ?? options.BackendStoreUri;
        options.ArtifactsDestination = settings.ArtifactsDestination ?? options.ArtifactsDestination;
        options.Auth = settings.Auth || options.Auth;
        options.DefaultPermission = settings.DefaultPermission?.ToUpperInvariant() ?? options.DefaultPermission;
        if (settings.Workers > 1)
            console.MarkupLine("[grey]Note: --workers is not needed: this one process uses every core. To scale out, run several `fathom server` processes on one PostgreSQL store.[/]");

        await using var app = await FathomServer.BuildAsync(options, ct);
        await app.StartAsync(ct);
        console.MarkupLineInterpolated($"Fathom tracking server listening on [bold]{app.ListeningUri()}[/]");
        console.MarkupLineInterpolated($"  store:     {options.BackendStoreUri}");
        console.MarkupLineInterpolated($"  artifacts: {options.ArtifactsDestination}");
        console.MarkupLineInterpolated($"  auth:      {(options.Auth ? $"on (default permission {options.DefaultPermission})" : "off")}");
        console.MarkupLine("Point MLflow clients at it with MLFLOW_TRACKING_URI; press Ctrl+C to stop.");
        try
        {
            await app.WaitForShutdownAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C reached Spectre's token before the host's own handler: a normal stop.
        }
        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
