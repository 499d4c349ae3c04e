using Fathom.Cli.Infrastructure;

namespace Fathom.Cli.Commands.Users;

/// <summary>
/// Where a new user's password comes from: --password, or an environment variable so that it stays out of the
/// shell history and the process list.
/// </summary>
internal static class PasswordSource
{
    public static string Resolve(string? option, CliEnvironment env, string variable) =>
        option ?? env.GetVariable(variable) ?? throw new CliError(
            "No password given.", $"Pass --password, or set {variable} (which keeps it out of the shell history).");
}
