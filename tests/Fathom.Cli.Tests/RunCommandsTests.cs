using System.Security.Cryptography;
using System.Text.Json;
using Fathom.Client;

namespace Fathom.Cli.Tests;

public sealed class RunCommandsTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>
{
    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    private async Task<(string ExperimentId, string[] RunIds)> TwoRunsAsync(string experiment)
    {
        using var client = new FathomClient(server.Url);
        var ids = new List<string>();
        foreach (var (name, lr, acc) in new[] { ("a", 0.1, 0.8), ("b", 0.01, 0.9) })
        {
            await using var run = await client.StartRunAsync(experiment, name);
            run.LogParam("lr", lr);
            run.LogParam("seed", 1);
            run.LogMetric("acc", acc);
            ids.Add(run.RunId);
        }
        return ((await client.GetExperimentByNameAsync(experiment)).ExperimentId, [.. ids]);
    }

    [Fact]
    public async Task Showing_an_unknown_run_says_it_does_not_exist_and_exits_1()
    {
        var (code, output) = await Fathom("runs", "show", "nope");

        Assert.Equal(1, code);
        Assert.Contains("Run 'nope' does not exist", output);
    }

    [Fact]
    public async Task Runs_list_shows_a_table_and_json_that_parses()
    {
        var (_, runIds) = await TwoRunsAsync("cli-runs-list");

        var (code, table) = await Fathom("runs", "list", "-e", "cli-runs-list");
        Assert.Equal(0, code);
        Assert.All(runIds, id => Assert.Contains(id, table));

        var (jsonCode, json) = await Fathom("runs", "list", "-e", "cli-runs-list", "--json", "--order-by", "metrics.acc DESC");
        Assert.Equal(0, jsonCode);
        var listed = JsonDocument.Parse(json).RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("info").GetProperty("run_id").GetString()).ToList();
        Assert.Equal([runIds[1], runIds[0]], listed);
    }

    [Fact]
    public async Task Runs_show_prints_params_and_metrics()
    {
        var (_, runIds) = await TwoRunsAsync("cli-runs-show");

        var (code, output) = await Fathom("runs", "show", runIds[0]);
        Assert.Equal(0, code);
        Assert.Contains("lr", output);
        Assert.Contains("0.8", output);
        Assert.Contains("FINISHED", output, StringComparison.OrdinalIgnoreCase);

        var (_, json) = await Fathom("runs", "show", runIds[0], "--json");
        Assert.Equal("FINISHED", JsonDocument.Parse(json).RootElement.GetProperty("run").GetProperty("info").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Runs_compare_puts_params_and_metrics_side_by_side()
    {
        var (_, runIds) = await TwoRunsAsync("cli-runs-compare");

        var (code, table) = await Fathom("runs", "compare", runIds[0], runIds[1]);
        Assert.Equal(0, code);
        var lrRow = table.Split('\n').Single(line => line.Contains("params.lr"));
        Assert.True(lrRow.IndexOf("0.1", StringComparison.Ordinal) < lrRow.IndexOf("0.01", StringComparison.Ordinal), lrRow);

        var (_, json) = await Fathom("runs", "compare", runIds[0], runIds[1], "--json");
        var metrics = JsonDocument.Parse(json).RootElement.GetProperty("metrics").GetProperty("acc");
        Assert.Equal("0.9", metrics.GetProperty(runIds[1]).GetString());
    }

    [Fact]
    public async Task Runs_delete_hides_the_run_from_the_list()
    {
        var (_, runIds) = await TwoRunsAsync("cli-runs-delete");

        Assert.Equal(0, (await Fathom("runs", "delete", runIds[0])).ExitCode);

        var (_, json) = await Fathom("runs", "list", "-e", "cli-runs-delete", "--json");
        var listed = JsonDocument.Parse(json).RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("info").GetProperty("run_id").GetString());
        Assert.Equal([runIds[1]], listed);
    }

    [Fact]
    public async Task Artifacts_upload_list_and_download_round_trip_a_directory()
    {
        var (_, runIds) = await TwoRunsAsync("cli-artifacts");
        var source = Directory.CreateTempSubdirectory("fathom-cli-upload-").FullName;
        var target = Directory.CreateTempSubdirectory("fathom-cli-download-").FullName;
        try
        {
            var bytes = RandomNumberGenerator.GetBytes(200_000);
            Directory.CreateDirectory(Path.Combine(source, "sub"));
            await File.WriteAllBytesAsync(Path.Combine(source, "sub", "weights.bin"), bytes);
            await File.WriteAllTextAsync(Path.Combine(source, "readme.txt"), "hello");

            var (upCode, upOutput) = await Fathom("artifacts", "upload", runIds[0], source, "--artifact-path", "model");
            Assert.True(upCode == 0, upOutput);
            Assert.Contains("model/sub/weights.bin", upOutput);

            var (_, listJson) = await Fathom("artifacts", "list", runIds[0], "model", "--json");
            var paths = JsonDocument.Parse(listJson).RootElement.GetProperty("files").EnumerateArray()
                .Select(f => f.GetProperty("path").GetString()).Order().ToList();
            Assert.Equal(["model/readme.txt", "model/sub"], paths);

            var (downCode, downOutput) = await Fathom("artifacts", "download", runIds[0], "model", "-o", target);
            Assert.True(downCode == 0, downOutput);
            Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(target, "model", "sub", "weights.bin"))));
            Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(target, "model", "readme.txt")));
        }
        finally
        {
            Directory.Delete(source, recursive: true);
            Directory.Delete(target, recursive: true);
        }
    }
}
