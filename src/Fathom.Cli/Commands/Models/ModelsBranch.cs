using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Models;

/// <summary><c>fathom models ...</c>: shared by the registry, serving and governance commands, one line each.</summary>
internal static class ModelsBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("Registered models: list, register, alias, stage, download, serve, predict and deploy.");
        branch.AddCommand<ListModelsCommand>("list").WithExample("models", "list", "--filter", "name LIKE 'churn%'");
        branch.AddCommand<ShowModelCommand>("show").WithExample("models", "show", "churn").WithExample("models", "show", "churn", "--version", "3");
        branch.AddCommand<ListVersionsCommand>("versions").WithExample("models", "versions", "churn").WithExample("models", "versions", "--run-id", "RUN_ID");
        branch.AddCommand<RegisterModelCommand>("register").WithExample("models", "register", "runs:/RUN_ID/model", "churn");
        branch.AddBranch("alias", AliasCommands.Configure);
        branch.AddCommand<RollbackModelCommand>("rollback").WithExample("models", "rollback", "churn", "champion");
        branch.AddCommand<StageModelCommand>("stage").WithExample("models", "stage", "churn", "3", "Production", "--archive-existing");
        branch.AddCommand<DownloadModelCommand>("download").WithExample("models", "download", "models:/churn@champion", "./churn");
        branch.AddCommand<ServeModelCommand>("serve").WithExample("models", "serve", "-m", "models:/churn@champion", "--port", "8080");
        branch.AddCommand<PredictCommand>("predict").WithExample("models", "predict", "-m", "models:/churn@champion", "-i", "customers.parquet", "-o", "scores.parquet");
        branch.AddCommand<LogLabelsCommand>("log-labels").WithExample("models", "log-labels", "--model", "churn", "--input", "labels.csv");
        branch.AddCommand<GenerateDockerfileCommand>("generate-dockerfile").WithExample("models", "generate-dockerfile", "-m", "models:/churn@champion", "-o", "churn-image");
        branch.AddCommand<BuildDockerCommand>("build-docker").WithExample("models", "build-docker", "-m", "models:/churn/3", "-n", "churn:3");
    }
}
