using Fathom.Cli.Commands.Artifacts;
using Fathom.Cli.Commands.Audit;
using Fathom.Cli.Commands.Experiments;
using Fathom.Cli.Commands.Models;
using Fathom.Cli.Commands.Monitor;
using Fathom.Cli.Commands.Permissions;
using Fathom.Cli.Commands.Runs;
using Fathom.Cli.Commands.Server;
using Fathom.Cli.Commands.Train;
using Fathom.Cli.Commands.Users;
using Fathom.Cli.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli;

/// <summary>The command table of the <c>fathom</c> CLI: one line per command or branch; each lives under Commands/.</summary>
public static class FathomApp
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, AnsiConsole.Console, Environment.GetEnvironmentVariable);

    /// <summary>Runs the CLI with the given console and environment (tests capture output this way).</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, Func<string, string?> getVariable, CancellationToken ct = default)
    {
        var services = new ServiceCollection()
            .AddSingleton(console)
            .AddSingleton(new CliEnvironment(getVariable));
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("fathom");
            config.ConfigureConsole(console);
            config.SetExceptionHandler((exception, _) => ExitCodes.Handle(exception, console));

            config.AddCommand<ServerCommand>("server").WithExample("server", "--port", "5000", "--backend-store-uri", "sqlite:///fathom-data/fathom.db");
            config.AddBranch("experiments", ExperimentsBranch.Configure);
            config.AddBranch("runs", RunsBranch.Configure);
            config.AddBranch("artifacts", ArtifactsBranch.Configure);
            config.AddBranch("models", ModelsBranch.Configure);
            config.AddBranch("monitor", MonitorBranch.Configure);
            config.AddBranch("users", UsersBranch.Configure);
            config.AddBranch("permissions", PermissionsBranch.Configure);
            config.AddCommand<AuditCommand>("audit").WithExample("audit", "--resource-type", "experiment", "--resource-id", "3");
            config.AddCommand<TrainCommand>("train").WithExample("train", "--data", "weather.csv", "--label", "weather", "--task", "multiclass");
        });
        return app.RunAsync(args, ct);
    }
}
