using System.Globalization;
using System.Text;
using System.Text.Json;
using Fathom.Client;

namespace Fathom.Cli.Tests.Monitor;

/// <summary><c>monitor report --window</c>: per-window sections in JSON, the console summary and per-window metrics in a real tracking server.</summary>
public sealed class MonitorWindowsCommandTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>, IDisposable
{
    private static readonly DateTime Day0 = new(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-monitor-windows-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    [Fact]
    public async Task Day_windows_are_written_as_json_and_the_first_drifted_window_is_printed()
    {
        var (reference, current) = WriteData();
        var output = Path.Combine(_dir, "windows.json");

        var (code, text) = await Fathom("monitor", "report", "--reference", reference, "--current", current, "--timestamp", "ts", "--window", "day",
            "--preset", "drift", "-o", output);

        Assert.True(code == 0, text);
        Assert.Contains("Windows (day): 2 of 3 windows drifted, first window 1 starting 2025-06-03 00:00.", text);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var windows = json.RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(["2025-06-02T00:00:00Z", "2025-06-03T00:00:00Z", "2025-06-04T00:00:00Z"], windows.Select(w => w.GetProperty("start").GetString()));
        Assert.Equal([false, true, true], windows.Select(w => w.GetProperty("data_drift").GetProperty("dataset_drift").GetBoolean()));
    }

    [Fact]
    public async Task A_window_on_a_text_column_is_a_clear_error()
    {
        var (reference, current) = WriteData();

        var (code, text) = await Fathom("monitor", "report", "--reference", reference, "--current", current, "--timestamp", "label", "--window", "week",
            "-o", Path.Combine(_dir, "r.html"));

        Assert.Equal(1, code);
        Assert.Contains("The timestamp column 'label' holds text (e.g. 'a'), not timestamps", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task Log_to_run_logs_each_window_with_its_index_as_step_and_its_start_as_timestamp()
    {
        var (reference, current) = WriteData();
        using var client = new FathomClient(server.Url);
        var run = await client.CreateRunAsync(await client.GetOrCreateExperimentAsync("monitor-windows"), "windows");

        var (code, text) = await Fathom("monitor", "report", "--reference", reference, "--current", current, "--timestamp", "ts", "--window", "day",
            "--preset", "drift", "-o", Path.Combine(_dir, "w.html"), "--log-to-run", run.Info.RunId);

        Assert.True(code == 0, text);
        var history = (await client.GetMetricHistoryAsync(run.Info.RunId, "windows.data_drift.share_of_drifted_columns")).Items.OrderBy(m => m.Step).ToList();
        Assert.Equal([0L, 1L, 2L], history.Select(m => m.Step));
        Assert.Equal(new[] { 0, 1, 2 }.Select(d => new DateTimeOffset(Day0.AddDays(d)).ToUnixTimeMilliseconds()), history.Select(m => m.Timestamp));
        Assert.True(history[0].Value < 0.5, $"{history[0].Value}");
        Assert.True(history[2].Value >= 2.0 / 3, $"{history[2].Value}");
        var whole = Assert.Single((await client.GetMetricHistoryAsync(run.Info.RunId, "data_drift.share_of_drifted_columns")).Items);
        Assert.Equal(0, whole.Step);
    }

    /// <summary>Three days of current data; both features shift from the second day on. "label" is text.</summary>
    private (string Reference, string Current) WriteData()
    {
        string Write(string name, int seed, bool shift)
        {
            var random = new Random(seed);
            var text = new StringBuilder("ts,x1,x2,label\n");
            for (var i = 0; i < 600; i++)
            {
                var day = i % 3;
                var offset = shift && day > 0 ? 1.0 : 0.0;
                var time = Day0.AddDays(day).AddSeconds(random.Next(86_400));
                text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ssZ},{random.NextDouble() + offset},{random.NextDouble() + offset},{(i % 2 == 0 ? "a" : "b")}\n");
            }
            var path = Path.Combine(_dir, $"{name}.csv");
            File.WriteAllText(path, text.ToString());
            return path;
        }
        return (Write("ref", 1, false), Write("cur", 2, true));
    }
}
