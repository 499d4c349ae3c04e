using Spectre.Console;

namespace Fathom.Cli.Tests;

/// <summary>Runs the `fathom` command in-process with a captured, non-interactive console and a private environment.</summary>
internal sealed class CliRunner
{
    private readonly StringWriter _buffer = new();
    private readonly TextWriter _writer;

    public CliRunner() => _writer = TextWriter.Synchronized(_buffer);

    public string Output
    {
        get
        {
            lock (_writer)
                return _buffer.ToString();
        }
    }

    public static Task<(int ExitCode, string Output)> RunAsync(string? trackingUri, params string[] args) =>
        RunWithEnvironmentAsync(trackingUri, new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (credentials, passwords).</summary>
    public static async Task<(int ExitCode, string Output)> RunWithEnvironmentAsync(string? trackingUri, IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var runner = new CliRunner();
        var code = await runner.StartAsync(trackingUri, args, CancellationToken.None, variables);
        return (code, runner.Output);
    }

    public Task<int> StartAsync(string? trackingUri, string[] args, CancellationToken ct, IReadOnlyDictionary<string, string>? variables = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        console.Profile.Width = 250;
        var environment = new Dictionary<string, string>
        {
            // A dead server must fail fast in tests.
            ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "1",
            ["MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"] = "0.01",
            ["MLFLOW_HTTP_REQUEST_BACKOFF_JITTER"] = "0",
        };
        if (trackingUri is not null)
            environment["FATHOM_TRACKING_URI"] = trackingUri;
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
            environment[name] = value;
        return Task.Run(() => FathomApp.RunAsync(args, console, name => environment.GetValueOrDefault(name), ct), ct);
    }
}
