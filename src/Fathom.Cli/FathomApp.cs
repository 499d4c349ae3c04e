using Spectre.Console.Cli;

namespace Fathom.Cli;

/// <summary>The command table of the <c>fathom</c> CLI. Each command lives in its own folder under Commands/.</summary>
public static class FathomApp
{
    public static Task<int> RunAsync(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("fathom");
        });
        return app.RunAsync(args);
    }
}
