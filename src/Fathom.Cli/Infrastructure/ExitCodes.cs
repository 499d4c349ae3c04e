using Fathom.Client;
using Fathom.Core.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Fathom.Cli.Infrastructure;

/// <summary>The one place that turns an exception into an exit code and a message saying what to do next.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The request was understood but failed: not found, already exists, invalid value, refused.</summary>
    public const int Failure = 1;
    /// <summary>The command line itself was wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 2;
    /// <summary>The tracking server could not be reached.</summary>
    public const int Unavailable = 3;

    public static int Handle(Exception exception, IAnsiConsole console)
    {
        var (code, message, hint) = exception switch
        {
            CliError e => (Failure, e.Message, e.Hint),
            CommandAppException e => (Usage, e.Message, "Run with --help to see the commands and options."),
            FathomConnectionException e => (Unavailable, e.Message, null),
            FathomAuthenticationException e => (Failure, e.Message,
                "Set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD."),
            FathomException e => (Failure, $"{e.Message} ({e.Code})", null),
            IOException or UnauthorizedAccessException => (Failure, exception.Message, null),
            OperationCanceledException => (Failure, "Cancelled.", null),
            _ => (Failure, $"Unexpected error: {exception}", "Please report this with the command you ran."),
        };
        console.MarkupLineInterpolated($"[red]Error:[/] {message}");
        if (hint is not null)
            console.MarkupLineInterpolated($"[grey]{hint}[/]");
        return code;
    }
}
