using Spectre.Console.Cli;

namespace Fathom.Cli.Commands.Monitor;

internal static class MonitorBranch
{
    public static void Configure(IConfigurator<CommandSettings> branch)
    {
        branch.SetDescription("Compare a current dataset with a reference: data drift and data quality reports and test suites.");
        branch.AddCommand<MonitorReportCommand>("report")
            .WithDescription("Write a drift, quality or performance report (HTML or JSON) comparing a current dataset with a reference.")
            .WithExample("monitor", "report", "--reference", "ref.parquet", "--current", "cur.parquet", "-o", "report.html")
            .WithExample("monitor", "report", "--reference", "ref.csv", "--current", "cur.csv", "--target", "y", "--format", "json", "-o", "report.json");
        branch.AddCommand<MonitorModelCommand>("model")
            .WithDescription("Compare a served model's prediction log (and joined labels) with its training data.")
            .WithExample("monitor", "model", "churn", "--alias", "champion", "--since", "2025-01-01", "-o", "churn.html");
        branch.AddCommand<MonitorTestCommand>("test")
            .WithDescription("Run a test suite (YAML or JSON) against the datasets; exits 1 when a test fails.")
            .WithExample("monitor", "test", "--suite", "suite.yaml", "--reference", "ref.parquet", "--current", "cur.parquet");
    }
}
