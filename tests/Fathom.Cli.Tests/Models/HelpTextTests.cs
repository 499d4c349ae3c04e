using System.Text.RegularExpressions;

namespace Fathom.Cli.Tests.Models;

public sealed partial class HelpTextTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("models", "--help")]
    [InlineData("models", "alias", "--help")]
    [InlineData("experiments", "--help")]
    [InlineData("runs", "--help")]
    [InlineData("artifacts", "--help")]
    [InlineData("monitor", "--help")]
    [InlineData("users", "--help")]
    [InlineData("permissions", "--help")]
    public async Task Every_command_in_the_help_has_a_description(params string[] args)
    {
        var (_, help) = await CliRunner.RunAsync(null, args);

        var commands = help[(help.IndexOf("COMMANDS:", StringComparison.Ordinal) + "COMMANDS:".Length)..]
            .Split('\n').Where(line => CommandLine().IsMatch(line)).ToList();

        Assert.NotEmpty(commands);
        Assert.All(commands, line => Assert.Matches(Described(), line));
    }

    // A command line starts with four spaces and a name; its description follows after two or more spaces.
    [GeneratedRegex(@"^ {4}[a-z]")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"^ {4}[a-z][\w-]*( <[^>]+>| \[[^\]]+\])*\s{2,}\S")]
    private static partial Regex Described();
}
