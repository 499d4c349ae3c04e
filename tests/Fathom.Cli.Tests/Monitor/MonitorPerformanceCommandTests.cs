using System.Globalization;
using System.Text;
using System.Text.Json;
using Fathom.Client;

namespace Fathom.Cli.Tests.Monitor;

/// <summary>Performance presets, test presets and logging reports to a real in-process tracking server.</summary>
public sealed class MonitorPerformanceCommandTests(TrackingServerFixture server) : IClassFixture<TrackingServerFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fathom-monitor-perf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<(int ExitCode, string Output)> Fathom(params string[] args) => CliRunner.RunAsync(server.Url, args);

    [Fact]
    public async Task Classification_preset_writes_the_performance_section_as_json()
    {
        var (reference, current) = WriteClassification(currentSkill: 0.9);
        var output = Path.Combine(_dir, "classification.json");

        var (code, text) = await Fathom("monitor", "report", "--reference", reference, "--current", current, "--target", "y", "--prediction", "p", "--preset", "classification", "-o", output);

        Assert.Equal(0, code);
        Assert.Contains("accuracy", text);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var performance = json.RootElement.GetProperty("classification_performance");
        Assert.Equal("1", performance.GetProperty("positive_label").GetString());
        Assert.InRange(performance.GetProperty("current").GetProperty("roc_auc").GetDouble(), 0.8, 1);
        Assert.False(json.RootElement.TryGetProperty("data_drift", out _));
    }

    [Fact]
    public async Task Classification_test_preset_fails_when_the_model_degrades()
    {
        var (reference, current) = WriteClassification(currentSkill: 0.55);
        var (same, _) = WriteClassification(currentSkill: 0.9);

        var (failCode, failText) = await Fathom("monitor", "test", "--preset", "classification", "--reference", reference, "--current", current, "--target", "y", "--prediction", "p");
        var (passCode, passText) = await Fathom("monitor", "test", "--preset", "classification", "--reference", reference, "--current", same, "--target", "y", "--prediction", "p");

        Assert.Equal(1, failCode);
        Assert.Contains("Accuracy", failText);
        Assert.Contains("fail", failText);
        Assert.True(passCode == 0, passText);
    }

    [Fact]
    public async Task Unknown_test_presets_and_non_matching_probability_columns_are_clear_errors()
    {
        var (reference, current) = WriteClassification(currentSkill: 0.9);

        var (presetCode, presetText) = await Fathom("monitor", "test", "--preset", "clasification", "--reference", reference, "--current", current);
        var (probaCode, probaText) = await Fathom("monitor", "report", "--reference", reference, "--current", current, "--target", "y",
            "--prediction-probas", "p", "--preset", "classification", "-o", Path.Combine(_dir, "x.json"));

        Assert.Equal(2, presetCode);
        Assert.Contains("--preset 'clasification' is unknown", presetText);
        Assert.Equal(1, probaCode);
        Assert.Contains("no probability column for '0', '1'", probaText);
        Assert.DoesNotContain("   at ", probaText);
    }

    [Fact]
    public async Task Log_to_run_stores_key_numbers_as_metrics_and_the_report_as_artifacts()
    {
        var (reference, current) = WriteClassification(currentSkill: 0.8);
        using var client = new FathomClient(server.Url);
        var experimentId = await client.GetOrCreateExperimentAsync("monitor-log-to-run");
        var run = await client.CreateRunAsync(experimentId, "training");

        var (code, text) = await Fathom("monitor", "report", "--reference", reference, "--current", current, "--target", "y", "--prediction", "p",
            "-o", Path.Combine(_dir, "r.html"), "--log-to-run", run.Info.RunId);

        Assert.True(code == 0, text);
        var logged = await client.GetRunAsync(run.Info.RunId);
        var metrics = logged.Data.Metrics.ToDictionary(m => m.Key, m => m.Value);
        var report = JsonDocument.Parse(await DownloadText(client, run.Info.RunId, "monitoring/report.json")).RootElement;
        Assert.Equal(report.GetProperty("classification_performance").GetProperty("current").GetProperty("accuracy").GetDouble(), metrics["classification_performance.current.accuracy"]);
        Assert.Equal(report.GetProperty("data_drift").GetProperty("share_of_drifted_columns").GetDouble(), metrics["data_drift.share_of_drifted_columns"]);
        Assert.StartsWith("<!DOCTYPE html>", await DownloadText(client, run.Info.RunId, "monitoring/report.html"));
    }

    [Fact]
    public async Task Experiment_option_logs_to_a_new_finished_run()
    {
        var (reference, current) = WriteClassification(currentSkill: 0.8);

        var (code, text) = await Fathom("monitor", "report", "--reference", reference, "--current", current, "--target", "y", "--prediction", "p",
            "--preset", "drift", "-o", Path.Combine(_dir, "d.json"), "--experiment", "monitor-new-run");

        Assert.True(code == 0, text);
        using var client = new FathomClient(server.Url);
        var experiment = await client.GetExperimentByNameAsync("monitor-new-run");
        var runs = (await client.SearchRunsAsync([experiment.ExperimentId])).Items;
        var run = Assert.Single(runs);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Contains(run.Data.Metrics, m => m.Key == "target_drift.drift_score");
        Assert.Contains($"to run {run.Info.RunId}", text);
    }

    private async Task<string> DownloadText(FathomClient client, string runId, string path)
    {
        var local = await client.DownloadArtifactsAsync(runId, path, Path.Combine(_dir, "download-" + Guid.NewGuid().ToString("N")));
        return await File.ReadAllTextAsync(local);
    }

    /// <summary>A 0/1 target "y", a probability "p" of 1 that is right with the given skill, and a feature.</summary>
    private (string Reference, string Current) WriteClassification(double currentSkill)
    {
        string Write(string name, int seed, double skill)
        {
            var random = new Random(seed);
            var text = new StringBuilder("f,y,p\n");
            for (var i = 0; i < 400; i++)
            {
                var y = random.Next(2);
                var confidence = 0.5 + random.NextDouble() / 2;
                var p = (y == 1) == (random.NextDouble() < skill) ? confidence : 1 - confidence;
                text.Append(CultureInfo.InvariantCulture, $"{random.NextDouble():0.0000},{y},{p:0.0000}\n");
            }
            var path = Path.Combine(_dir, $"{name}-{seed}-{skill}.csv");
            File.WriteAllText(path, text.ToString());
            return path;
        }
        return (Write("ref", 1, 0.9), Write("cur", 2, currentSkill));
    }
}
