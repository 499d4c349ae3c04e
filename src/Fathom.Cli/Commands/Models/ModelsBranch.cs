using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

/// <summary><c>fathom models ...</c>: shared by the registry, serving and governance commands, one line each.</summary>
internal static class ModelsBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("Registered models: serve, predict, deploy.");
        branch.AddCommand<ServeModelCommand>("serve").WithExample("models", "serve", "-m", "models:/churn@champion", "--port", "8080");
    }
}
