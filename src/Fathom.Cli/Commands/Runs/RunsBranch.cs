using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Runs;

internal static class RunsBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("List, show, compare and delete runs.");
        branch.AddCommand<ListRunsCommand>("list")
            .WithExample("runs", "list", "-e", "fraud-model", "--filter", "metrics.auc > 0.9", "--order-by", "metrics.auc DESC");
        branch.AddCommand<ShowRunCommand>("show");
        branch.AddCommand<CompareRunsCommand>("compare").WithExample("runs", "compare", "RUN_ID_1", "RUN_ID_2");
        branch.AddCommand<DeleteRunCommand>("delete");
    }
}
