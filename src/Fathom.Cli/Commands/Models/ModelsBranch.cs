using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

/// <summary><c>fathom models ...</c>: shared by the registry, serving and governance commands, one line each.</summary>
internal static class ModelsBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("The model registry: list, show, register, alias, stage and download models.");
        branch.AddCommand<ListModelsCommand>("list").WithExample("models", "list", "--filter", "name LIKE 'churn%'");
        branch.AddCommand<ShowModelCommand>("show").WithExample("models", "show", "churn");
        branch.AddCommand<ListVersionsCommand>("versions").WithExample("models", "versions", "churn");
        branch.AddCommand<RegisterModelCommand>("register").WithExample("models", "register", "runs:/RUN_ID/model", "churn");
        branch.AddBranch("alias", AliasCommands.Configure);
        branch.AddCommand<StageModelCommand>("stage").WithExample("models", "stage", "churn", "3", "Production", "--archive-existing");
        branch.AddCommand<DownloadModelCommand>("download").WithExample("models", "download", "models:/churn@champion", "./churn");
    }
}
