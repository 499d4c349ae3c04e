using System.ComponentModel;
using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

/// <summary>Options of the commands that act on one registered model.</summary>
public class ModelSettings : ClientSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The registered model's name.")]
    public string Name { get; set; } = "";
}
