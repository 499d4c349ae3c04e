namespace Fathom.Cli.Infrastructure;

/// <summary>A failure the user can fix, with what to do next. Rendered without a stack trace; exit code 1.</summary>
internal sealed class CliError(string message, string? hint = null, Exception? inner = null) : Exception(message, inner)
{
    public string? Hint { get; } = hint;
}
