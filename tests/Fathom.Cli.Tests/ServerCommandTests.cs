using System.Text.RegularExpressions;
using Fathom.Client;

namespace Fathom.Cli.Tests;

public sealed class ServerCommandTests
{
    [Fact]
    public async Task Fathom_server_serves_the_tracking_api_until_cancelled()
    {
        var data = Directory.CreateTempSubdirectory("fathom-cli-server-").FullName;
        try
        {
            using var stop = new CancellationTokenSource();
            var runner = new CliRunner();
            var exit = runner.StartAsync(null, ["server", "--port", "0", "--backend-store-uri", "sqlite:///" + Path.Combine(data, "f.db"),
                "--artifacts-destination", Path.Combine(data, "artifacts"), "--workers", "4"], stop.Token);

            var url = await WaitForUrlAsync(runner, exit);
            using (var client = new FathomClient(url))
            {
                var id = await client.CreateExperimentAsync("served");
                Assert.Equal("served", (await client.GetExperimentAsync(id)).Name);
            }
            Assert.Contains("--workers is not needed", runner.Output);

            stop.Cancel();
            Assert.Equal(0, await exit.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> WaitForUrlAsync(CliRunner runner, Task<int> exit)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var match = Regex.Match(runner.Output, @"listening on (http://\S+)");
            if (match.Success)
                return match.Groups[1].Value;
            Assert.False(exit.IsCompleted, "the server command ended early: " + runner.Output);
            await Task.Delay(50);
        }
        throw new TimeoutException("The server did not start: " + runner.Output);
    }
}
