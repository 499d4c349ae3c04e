using System.ComponentModel;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

/// <summary>Options of <c>fathom models show</c>.</summary>
public sealed class ShowModelSettings : ModelSettings
{
    [CommandOption("-v|--version <VERSION>")]
    [Description("Show one version's lineage instead: its source run and artifact path, the run's dataset inputs, params and metrics.")]
    public string? Version { get; set; }
}
