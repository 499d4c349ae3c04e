using System.ComponentModel;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands;

/// <summary>Options every command that talks to a tracking server shares.</summary>
public class ClientSettings : CommandSettings
{
    [CommandOption("--tracking-uri <URI>")]
    [Description("Tracking server, e.g. http://127.0.0.1:5000. Default: FATHOM_TRACKING_URI, then MLFLOW_TRACKING_URI, then http://127.0.0.1:5000.")]
    public string? TrackingUri { get; set; }

    [CommandOption("--json")]
    [Description("Write machine-readable JSON instead of tables.")]
    public bool Json { get; set; }
}
