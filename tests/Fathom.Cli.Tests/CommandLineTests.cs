namespace Fathom.Cli.Tests;

/// <summary>Parsing, help and the exit-code table: no tracking server needed.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("server", "--help")]
    [InlineData("experiments", "--help")]
    [InlineData("experiments", "create", "--help")]
    [InlineData("runs", "compare", "--help")]
    [InlineData("artifacts", "download", "--help")]
    public async Task Help_is_available_everywhere_and_exits_0(params string[] args)
    {
        var (code, output) = await CliRunner.RunAsync(null, args);

        Assert.Equal(0, code);
        Assert.Contains("USAGE", output);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_with_exit_code_2()
    {
        var (code, output) = await CliRunner.RunAsync(null, "experiments", "frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("--help", output);
    }

    [Fact]
    public async Task Compare_needs_two_runs()
    {
        var (code, output) = await CliRunner.RunAsync(null, "runs", "compare", "only-one");

        Assert.Equal(2, code);
        Assert.Contains("at least two run ids", output);
    }

    [Fact]
    public async Task An_unreachable_server_exits_3_and_says_what_to_check()
    {
        var port = FreePort();

        var (code, output) = await CliRunner.RunAsync($"http://127.0.0.1:{port}", "experiments", "list");

        Assert.Equal(3, code);
        Assert.Contains("Could not reach the tracking server", output);
        Assert.Contains("FATHOM_TRACKING_URI", output);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
