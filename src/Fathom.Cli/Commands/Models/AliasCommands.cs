using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

/// <summary><c>fathom models alias set|delete</c>.</summary>
internal static class AliasCommands
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("Point an alias (models:/NAME@ALIAS) at a version, or remove it.");
        branch.AddCommand<SetAliasCommand>("set").WithExample("models", "alias", "set", "churn", "champion", "3");
        branch.AddCommand<DeleteAliasCommand>("delete").WithExample("models", "alias", "delete", "churn", "champion");
    }
}
