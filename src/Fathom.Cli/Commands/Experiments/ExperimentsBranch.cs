using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Experiments;

internal static class ExperimentsBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("Create, list, rename, delete and restore experiments.");
        branch.AddCommand<CreateExperimentCommand>("create").WithExample("experiments", "create", "fraud-model");
        branch.AddCommand<ListExperimentsCommand>("list").WithExample("experiments", "list", "--view", "All");
        branch.AddCommand<RenameExperimentCommand>("rename").WithExample("experiments", "rename", "fraud-model", "fraud-model-v2");
        branch.AddCommand<DeleteExperimentCommand>("delete");
        branch.AddCommand<RestoreExperimentCommand>("restore");
    }
}
